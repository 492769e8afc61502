// A region's dispatch policy is the default with what the region changed: the changes are stored as data
// (edited by admins), the radius in a column of its own, and merged here.
import { DEFAULT_POLICY, type RegionPolicy } from './types';

/** What a region sets itself, each field replacing the default's; `weights` always as a whole set. */
export type PolicyOverrides = Partial<Omit<RegionPolicy, 'maxRadiusKm'>>;

export function effectivePolicy(overrides: PolicyOverrides, maxRadiusKm: number): RegionPolicy {
  return {
    maxRadiusKm,
    allowCrossRegion: overrides.allowCrossRegion ?? DEFAULT_POLICY.allowCrossRegion,
    mode: overrides.mode ?? DEFAULT_POLICY.mode,
    offerTimeoutMs: overrides.offerTimeoutMs ?? DEFAULT_POLICY.offerTimeoutMs,
    weights: { ...(overrides.weights ?? DEFAULT_POLICY.weights) }
  };
}
