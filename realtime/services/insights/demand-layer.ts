// Demand: open orders plus the orders that came in during the period, each weighing one.
import {
  demandByCity,
  demandByGridCell,
  demandOrdersOfCity,
  type Database,
  type DemandFilter,
  type DemandOptions
} from '../../../db';
import { FINISHED_STATUSES } from '../../../dispatcher/work-order/status';
import type { HeatLayer, LayerScope } from './heat-layer';

const filter = ({ regionIds, period }: LayerScope): DemandFilter => ({
  regionIds,
  finishedStatuses: FINISHED_STATUSES,
  from: period.from,
  to: period.to
});

/** `useRollup: false` counts straight over the orders: the bench's baseline. */
export function demandLayer(db: Database, options: DemandOptions = { useRollup: true }): HeatLayer {
  return {
    byCity: (scope) => demandByCity(db, filter(scope), options),
    byGridCell: (scope, cellDeg) => demandByGridCell(db, filter(scope), cellDeg, options),
    ordersOfCity: async (scope, cityId, limit) =>
      (await demandOrdersOfCity(db, filter(scope), cityId, limit, options)).map((o) => ({ ...o, weight: 1 }))
  };
}
