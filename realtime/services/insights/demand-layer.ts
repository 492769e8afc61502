// Demand: open orders plus the orders that came in during the period, each weighing one.
import {
  demandByCity,
  demandByGridCell,
  demandOrdersOfCity,
  type Database,
  type DemandFilter
} from '../../../db';
import { FINISHED_STATUSES } from '../../../dispatcher/work-order/status';
import type { HeatLayer, LayerScope } from './heat-layer';

const filter = ({ regionIds, period }: LayerScope): DemandFilter => ({
  regionIds,
  finishedStatuses: FINISHED_STATUSES,
  from: period.from,
  to: period.to
});

export function demandLayer(db: Database): HeatLayer {
  return {
    byCity: (scope) => demandByCity(db, filter(scope)),
    byGridCell: (scope, cellDeg) => demandByGridCell(db, filter(scope), cellDeg),
    ordersOfCity: async (scope, cityId, limit) =>
      (await demandOrdersOfCity(db, filter(scope), cityId, limit)).map((o) => ({ ...o, weight: 1 }))
  };
}
