// SLA risk: the orders whose clocks passed their warning point, weighed by how little time is left or
// how long they are overdue (dispatcher/insights/sla-risk.ts), as of now. Open orders only, so the
// period does not apply: risk is about what can still be saved.
import { openSlaOrders, type Database, type SlaRiskOrderRow } from '../../../db';
import type { Clock } from '../../../dispatcher/clock';
import type { CityWeight } from '../../../dispatcher/insights/heatmap';
import { orderRisk } from '../../../dispatcher/insights/sla-risk';
import type { SlaSettings } from '../../sla/settings';
import type { HeatLayer, WeightedOrder } from './heat-layer';

export function slaRiskLayer(db: Database, settings: SlaSettings, clock: Clock): HeatLayer {
  /** The orders of the scope that carry any risk, each with its weight. */
  const weighed = async (regionIds: readonly string[], cityId?: string) => {
    const at = clock.now().getTime();
    return (await openSlaOrders(db, regionIds, cityId))
      .map((order) => ({ order, weight: orderRisk(order.clocks, settings.calendar, at) }))
      .filter((w) => w.weight > 0);
  };
  /** Sums the weights of the scope's risky orders per key; `cell` makes a new entry with weight 0. */
  const sum = async <T extends { weight: number }>(
    regionIds: readonly string[],
    keyOf: (o: SlaRiskOrderRow) => string,
    cell: (o: SlaRiskOrderRow) => T
  ): Promise<T[]> => {
    const cells = new Map<string, T>();
    for (const { order, weight } of await weighed(regionIds)) {
      const entry = cells.get(keyOf(order)) ?? cell(order);
      entry.weight += weight;
      cells.set(keyOf(order), entry);
    }
    return [...cells.values()];
  };
  return {
    byCity: ({ regionIds }) =>
      sum(
        regionIds,
        (o) => o.cityId,
        (o): CityWeight => ({ regionId: o.regionId, cityId: o.cityId, weight: 0 })
      ),
    byGridCell: ({ regionIds }, cellDeg) => {
      const gx = (o: SlaRiskOrderRow) => Math.floor(o.lng / cellDeg);
      const gy = (o: SlaRiskOrderRow) => Math.floor(o.lat / cellDeg);
      return sum(
        regionIds,
        (o) => `${gx(o)}|${gy(o)}`,
        (o) => ({ gx: gx(o), gy: gy(o), weight: 0 })
      );
    },
    async ordersOfCity({ regionIds }, cityId, limit) {
      return (await weighed(regionIds, cityId))
        .sort((a, b) => b.weight - a.weight || a.order.id.localeCompare(b.order.id))
        .slice(0, limit)
        .map(({ order, weight }): WeightedOrder => {
          const { id, status, priority, serviceType, lng, lat, createdAt } = order;
          return { id, status, priority, serviceType, lng, lat, createdAt, weight };
        });
    }
  };
}
