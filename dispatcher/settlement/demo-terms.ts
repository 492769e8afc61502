// The demo company's settlement terms: 20 % platform, 10 % partner, 70 % technician, with the platform
// taking less of each order's labour above 500, 1,000 and 2,000元; remote western regions keep more for
// the technician, who travels further between jobs.
import { yuan } from '../pricing/money';
import { DEFAULT_MILESTONES } from './milestones';
import type { PlatformTier } from './split';
import type { SettlementTerms } from './terms';

const TIERS: PlatformTier[] = [
  { from: yuan(500), platform: 1_800 },
  { from: yuan(1_000), platform: 1_500 },
  { from: yuan(2_000), platform: 1_200 }
];
const REMOTE = { ratios: { platform: 1_500, partner: 1_000, technician: 7_500 }, platformTiers: TIERS };

export const DEMO_SETTLEMENT_TERMS: SettlementTerms = {
  id: 'cn-standard',
  version: 1,
  effectiveFrom: Date.parse('2026-01-01T00:00:00+08:00'),
  effectiveTo: null,
  default: { ratios: { platform: 2_000, partner: 1_000, technician: 7_000 }, platformTiers: TIERS },
  byRegion: { southwest: REMOTE, northwest: REMOTE },
  byPartner: {},
  milestones: DEFAULT_MILESTONES
};
