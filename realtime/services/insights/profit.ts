// The executives' profit view: who may see which regions, the period in the viewer's zone, the sums from
// the database (db/repositories/profit.ts) and the report from them (dispatcher/insights/profit.ts).
import { profitGroups, type Database } from '../../../db';
import type { Clock } from '../../../dispatcher/clock';
import { daysOf, profitReport } from '../../../dispatcher/insights/profit';
import type { Role } from '../../contract';
import type { Principal } from '../../auth/scope';
import { HttpError } from '../../http/errors';
import { regionsToList } from '../../http/region-query';
import type { ProfitView } from '../../profit-contract';
import type { ProfitQuery } from '../../schemas/insights';
import { periodOf } from './period';

/** Dispatchers run orders, technicians their own jobs: profit is for these. Managers see their regions. */
const PROFIT_ROLES: readonly Role[] = ['admin', 'executive', 'finance', 'regional_manager'];

export class ProfitService {
  constructor(private readonly deps: { db: Database; clock: Clock; allRegionIds: readonly string[] }) {}

  async view(user: Principal, q: ProfitQuery): Promise<ProfitView> {
    if (!PROFIT_ROLES.includes(user.role))
      throw new HttpError(403, 'forbidden', 'profit is not for this role');
    const regionIds = regionsToList(user, q.regionId, this.deps.allRegionIds);
    const now = this.deps.clock.now();
    const period = periodOf(q, now);
    const groups = await profitGroups(this.deps.db, { regionIds, ...period, timeZone: q.tz });
    return {
      ...profitReport(groups, { regionIds, days: daysOf(period, q.tz) }),
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      timeZone: q.tz,
      regionIds,
      at: now.toISOString()
    };
  }
}
