// A regional manager's edit of their region's coefficients, as a new version of the price table: the
// version it was made on ends when the new one begins, so exactly one is in force at any instant.
import type { RegionId } from '../../geo/cities';
import type { EpochMs } from '../sla/time';
import type { Bp } from './money';
import type { PriceTable, TierKey } from './price-table';
import { overlappingVersions } from './versions';

/** A change beyond headquarters' bounds waits (pending) until an admin approves or rejects it. */
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

export interface RegionalChange {
  regionId: RegionId;
  coefficients: Record<TierKey, Bp>;
  effectiveFrom: EpochMs;
}

/** `table` with the region's coefficients replaced: what a preview prices with, no version yet. */
export function withRegionalChange(
  table: PriceTable,
  change: Pick<RegionalChange, 'regionId' | 'coefficients'>
): PriceTable {
  return { ...table, regional: { ...table.regional, [change.regionId]: { ...change.coefficients } } };
}

export type Succession =
  | { type: 'succeeds'; ended: PriceTable; next: PriceTable }
  /** The change would begin before `latest` does or before it has ended: two versions at one instant. */
  | { type: 'overlaps'; version: number };

/**
 * The next version after `latest` with the change, and `latest` ended when it begins (an open-ended
 * latest version is cut there; one already ended earlier keeps its end, leaving a gap priced by none).
 */
export function succeed(latest: PriceTable, change: RegionalChange): Succession {
  const next: PriceTable = {
    ...withRegionalChange(latest, change),
    version: latest.version + 1,
    effectiveFrom: change.effectiveFrom,
    effectiveTo: null
  };
  const ended = latest.effectiveTo === null ? { ...latest, effectiveTo: change.effectiveFrom } : latest;
  const startsAfter = change.effectiveFrom > latest.effectiveFrom;
  return startsAfter && overlappingVersions([ended, next]).length === 0
    ? { type: 'succeeds', ended, next }
    : { type: 'overlaps', version: latest.version };
}
