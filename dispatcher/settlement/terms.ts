// Settlement terms: the split policies and the payout milestones, as versioned data like price tables.
// A partner's contract overrides its region's policy, and a region's the default.
import type { RegionId } from '../../geo/cities';
import type { Effective } from '../pricing/versions';
import type { MilestoneSchedule } from './milestones';
import type { SplitPolicy } from './split';

export interface SettlementTerms extends Effective {
  id: string;
  default: SplitPolicy;
  byRegion: Partial<Record<RegionId, SplitPolicy>>;
  /** By partner id. */
  byPartner: Record<string, SplitPolicy>;
  milestones: MilestoneSchedule;
}

export function splitPolicyFor(
  terms: SettlementTerms,
  regionId: RegionId,
  partnerId: string | null
): SplitPolicy {
  return (
    (partnerId !== null ? terms.byPartner[partnerId] : undefined) ?? terms.byRegion[regionId] ?? terms.default
  );
}
