// Headquarters' bounds on what a regional manager may set alone. A change within them applies at once;
// one beyond them waits for an admin's approval. Bounds are per city tier, plus a largest step per edit
// so that no region drifts far in one go.
import type { RegionId } from '../../geo/cities';
import type { Bp } from './money';
import { CITY_TIERS, type TierKey } from './price-table';

export interface RegionalBounds {
  byTier: Record<TierKey, { min: Bp; max: Bp }>;
  /** Largest change of one coefficient in one edit, up or down. */
  maxStep: Bp;
}

export const DEFAULT_REGIONAL_BOUNDS: RegionalBounds = {
  byTier: {
    tier1: { min: 10_000, max: 14_000 },
    tier2: { min: 9_500, max: 13_000 },
    tier3: { min: 9_000, max: 12_500 }
  },
  maxStep: 1_000
};

/** A coefficient outside what the manager may set alone, and the range they may. */
export interface Breach {
  /** The field's path in the price table: `regional.north.tier1`. */
  path: string;
  value: Bp;
  min: Bp;
  max: Bp;
}

export type RegionalChangeCheck = { type: 'within-bounds' } | { type: 'needs-approval'; breaches: Breach[] };

export function checkRegionalChange(
  bounds: RegionalBounds,
  regionId: RegionId,
  before: Record<TierKey, Bp>,
  after: Record<TierKey, Bp>
): RegionalChangeCheck {
  const breaches = CITY_TIERS.flatMap((tier): Breach[] => {
    const key = `tier${tier}` as const;
    const value = after[key];
    const min = Math.max(bounds.byTier[key].min, before[key] - bounds.maxStep);
    const max = Math.min(bounds.byTier[key].max, before[key] + bounds.maxStep);
    // An untouched coefficient is no change, even if headquarters has since narrowed the bounds.
    return value === before[key] || (min <= value && value <= max)
      ? []
      : [{ path: `regional.${regionId}.${key}`, value, min, max }];
  });
  return breaches.length === 0 ? { type: 'within-bounds' } : { type: 'needs-approval', breaches };
}
