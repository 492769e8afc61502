// SLA risk: the orders whose clocks passed their warning point, weighed by how little time is left or
// how long they are overdue (dispatcher/insights/sla-risk.ts), as of now. Open orders only, so the
// period does not apply: risk is about what can still be saved.
import { openSlaOrders, type Database } from '../../../db';
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
  return {
    async byCity({ regionIds }) {
      const cities = new Map<string, CityWeight>();
      for (const { order, weight } of await weighed(regionIds)) {
        const city = cities.get(order.cityId) ?? {
          regionId: order.regionId,
          cityId: order.cityId,
          weight: 0
        };
        city.weight += weight;
        cities.set(order.cityId, city);
      }
      return [...cities.values()];
    },
    async byGridCell({ regionIds }, cellDeg) {
      const cells = new Map<string, { gx: number; gy: number; weight: number }>();
      for (const { order, weight } of await weighed(regionIds)) {
        const gx = Math.floor(order.lng / cellDeg);
        const gy = Math.floor(order.lat / cellDeg);
        const cell = cells.get(`${gx}|${gy}`) ?? { gx, gy, weight: 0 };
        cell.weight += weight;
        cells.set(`${gx}|${gy}`, cell);
      }
      return [...cells.values()];
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
