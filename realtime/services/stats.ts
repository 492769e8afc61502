// The wall's live counts. Open orders are counted in the database every few seconds and kept here, so a
// hundred wall displays cost one query, not a hundred.
import { countOpenByRegion, type Database } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { FINISHED_STATUSES } from '../../dispatcher/work-order/status';
import type { WallStats } from '../events';
import type { Fleet } from './fleet';

export class StatsService {
  #openByRegion = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly fleet: Fleet,
    private readonly clock: Clock
  ) {}

  async refresh(): Promise<void> {
    this.#openByRegion = await countOpenByRegion(this.db, FINISHED_STATUSES);
  }

  /** An order created here counts at once; the next refresh confirms it. */
  noteCreated(regionId: string): void {
    this.#openByRegion.set(regionId, (this.#openByRegion.get(regionId) ?? 0) + 1);
  }

  for(regionIds: readonly string[]): WallStats {
    const openOrders = regionIds.reduce((sum, id) => sum + (this.#openByRegion.get(id) ?? 0), 0);
    return { at: this.clock.now().toISOString(), technicians: this.fleet.counts(regionIds), openOrders };
  }
}
