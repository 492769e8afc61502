// Versioned data with effective dates: price tables and settlement terms. Periods are half-open
// [effectiveFrom, effectiveTo), so one version can end at the very instant the next begins.
import type { EpochMs } from '../sla/time';

export interface Effective {
  version: number;
  effectiveFrom: EpochMs;
  /** null: in force until a later version ends it. */
  effectiveTo: EpochMs | null;
}

export function isInForce(v: Effective, at: EpochMs): boolean {
  return v.effectiveFrom <= at && (v.effectiveTo === null || at < v.effectiveTo);
}

/**
 * The version in force at `at`, or null when none is. Versions that overlap are refused on input
 * (`overlappingVersions`); should some slip through, the highest version wins, so the answer never
 * depends on the order of the list.
 */
export function versionInForce<T extends Effective>(versions: readonly T[], at: EpochMs): T | null {
  let found: T | null = null;
  for (const v of versions) if (isInForce(v, at) && (!found || v.version > found.version)) found = v;
  return found;
}

/** Every pair [i, j] (i < j, indexes into `versions`) whose periods share at least one instant. */
export function overlappingVersions(versions: readonly Effective[]): [number, number][] {
  const end = (v: Effective) => v.effectiveTo ?? Infinity;
  const pairs: [number, number][] = [];
  versions.forEach((a, i) =>
    versions.forEach((b, j) => {
      if (i < j && a.effectiveFrom < end(b) && b.effectiveFrom < end(a)) pairs.push([i, j]);
    })
  );
  return pairs;
}
