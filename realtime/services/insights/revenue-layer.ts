// Revenue: what completed orders earned (frozen settlements' totals, in fen), per city from the same
// sums as the profit view (db/repositories/profit.ts), so the map and the profit totals agree.
import { revenueByCity, revenueByGridCell, revenueOrdersOfCity, type Database } from '../../../db';
import type { HeatLayer, LayerScope } from './heat-layer';

const filter = ({ regionIds, period }: LayerScope) => ({ regionIds, from: period.from, to: period.to });

export function revenueLayer(db: Database): HeatLayer {
  return {
    byCity: (scope) => revenueByCity(db, filter(scope)),
    byGridCell: (scope, cellDeg) => revenueByGridCell(db, filter(scope), cellDeg),
    ordersOfCity: (scope, cityId, limit) => revenueOrdersOfCity(db, filter(scope), cityId, limit)
  };
}
