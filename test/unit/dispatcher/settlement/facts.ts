// Quote facts for tests: a daytime, normal-priority order in a ×1.0 place, served by a local technician,
// so that only what a test changes shows in the price.
import type { QuoteFacts } from '../../../../dispatcher/pricing/rules';

/** Wednesday 2026-06-10, 10:00 in Beijing: no northern winter, daytime. */
export const WEEKDAY_MORNING = Date.parse('2026-06-10T10:00:00+08:00');

export function facts(overrides: Partial<QuoteFacts> = {}): QuoteFacts {
  return {
    itemId: 'ac_install',
    regionId: 'north',
    cityTier: 3,
    altitudeM: null,
    serviceAt: WEEKDAY_MORNING,
    priority: 'normal',
    technicianRegionId: 'north',
    parts: [],
    ...overrides
  };
}
