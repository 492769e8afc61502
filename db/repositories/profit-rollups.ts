// The rollups the profit and revenue dashboards read, added to in the transaction that freezes (or
// voids) settlements, so each always equals a GROUP BY over the frozen settlements: per UTC hour, day
// and month by region × city and by region × service, per hour by region (the trend), per hot-spot cell, and each
// frozen order's revenue by city.
import { inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { PROFIT_FIGURES, type ProfitFigures } from '../../dispatcher/insights/profit';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import { bucketStart } from '../../dispatcher/insights/period-pieces';
import type { Transaction } from '../client';
import {
  revenueCells,
  revenueOrders,
  settlementHourly,
  settlementCityRollup,
  settlementRegionHourly,
  settlementServiceRollup,
  type CellGrain,
  type CoarseGrain
} from '../schema';
import { addRows, runWrites } from './add-rows';
import { jsonRows } from './json-rows';

/** Where an order was: what its figures are summed under. */
export interface OrderPlace {
  regionId: string;
  cityId: string;
  serviceType: string;
  lng: number;
  lat: number;
}

/** One settlement's figures at the moment it froze; a voided one's with the signs turned. */
export interface RollupChange {
  orderId: string;
  frozenAt: Date;
  place: OrderPlace;
  figures: ProfitFigures;
}

const COARSE: readonly CoarseGrain[] = ['day', 'month'];
const CELL: readonly CellGrain[] = ['hour', 'day', 'month'];

const cellOf = (x: number) => Math.floor(x / HOTSPOT_CELL_DEG);

/**
 * Adds settlements' figures to every rollup, in the transaction that froze (or voided) them: one statement
 * of data-modifying CTEs, one round trip for the seven tables.
 */
export async function addToRollups(tx: Transaction, changes: readonly RollupChange[]): Promise<void> {
  if (changes.length === 0) return;
  const hourOf = (c: RollupChange) => bucketStart('hour', c.frozenAt);
  const coarse = changes.flatMap((c) =>
    COARSE.map((grain) => ({ ...c.place, ...c.figures, grain, bucket: bucketStart(grain, c.frozenAt) }))
  );
  const writes = [
    addRows(
      tx,
      settlementHourly,
      ['hour', 'regionId', 'cityId', 'serviceType'],
      PROFIT_FIGURES,
      changes.map((c) => ({ ...c.place, ...c.figures, hour: hourOf(c) }))
    ),
    addRows(tx, settlementCityRollup, ['grain', 'bucket', 'regionId', 'cityId'], PROFIT_FIGURES, coarse),
    addRows(
      tx,
      settlementServiceRollup,
      ['grain', 'bucket', 'regionId', 'serviceType'],
      PROFIT_FIGURES,
      coarse
    ),
    addRows(
      tx,
      settlementRegionHourly,
      ['hour', 'regionId'],
      PROFIT_FIGURES,
      changes.map((c) => ({ hour: hourOf(c), regionId: c.place.regionId, ...c.figures }))
    ),
    addRows(
      tx,
      revenueCells,
      ['grain', 'bucket', 'regionId', 'gx', 'gy'],
      ['orders', 'revenue'],
      changes.flatMap((c) =>
        CELL.map((grain) => ({
          grain,
          bucket: bucketStart(grain, c.frozenAt),
          regionId: c.place.regionId,
          gx: cellOf(c.place.lng),
          gy: cellOf(c.place.lat),
          orders: c.figures.orders,
          revenue: c.figures.revenue
        }))
      )
    ),
    ...revenueOrderWrites(tx, changes)
  ];
  await runWrites(tx, writes);
}

/** A freeze lists the order's revenue under its city; a void takes it off again. */
function revenueOrderWrites(tx: Transaction, changes: readonly RollupChange[]): (SQLWrapper | null)[] {
  const frozen = changes.filter((c) => c.figures.orders > 0);
  const voided = changes.filter((c) => c.figures.orders < 0).map((c) => c.orderId);
  return [
    voided.length === 0 ? null : tx.delete(revenueOrders).where(inArray(revenueOrders.orderId, voided)),
    frozen.length === 0
      ? null
      : tx
          .insert(revenueOrders)
          .select(
            jsonRows(
              revenueOrders,
              frozen.map((c) => ({
                orderId: c.orderId,
                regionId: c.place.regionId,
                cityId: c.place.cityId,
                frozenAt: c.frozenAt,
                total: c.figures.revenue
              }))
            )
          )
          .onConflictDoUpdate({
            target: revenueOrders.orderId,
            set: {
              regionId: sql`excluded.region_id`,
              cityId: sql`excluded.city_id`,
              frozenAt: sql`excluded.frozen_at`,
              total: sql`excluded.total`
            }
          })
  ];
}
