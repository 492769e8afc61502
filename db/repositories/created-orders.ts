// The rollup of created orders (`created_orders_city`, `created_orders_cell`): counted by the write that
// creates an order and moved by the one that moves it, in its transaction, so it always equals a GROUP BY
// over work_orders. Counted from the stored rows, so an order's creation time is the database's own.
import { sql } from 'drizzle-orm';
import { HOTSPOT_CELL_DEG } from '../../dispatcher/insights/heatmap';
import type { Executor } from '../client';

/** The grid the cell rollup is kept at: the heatmap's hot spots (the migration's backfill says 0.1 too). */
export const ROLLUP_CELL_DEG = HOTSPOT_CELL_DEG;

/** A UTC month, day or hour of an order's creation, as the backfill buckets it. */
const BUCKET = sql.raw(`date_trunc(g.grain, w.created_at at time zone 'UTC') at time zone 'UTC'`);

/**
 * Adds (`sign` 1) or takes away (-1) these orders' counts, as they are stored now: one statement, the
 * orders read once for both tables. Keys are upserted in one order, so two transactions counting orders
 * of the same cities wait for each other, never deadlock.
 */
export async function countCreatedOrders(
  db: Executor,
  orderIds: readonly string[],
  sign: 1 | -1
): Promise<void> {
  if (orderIds.length === 0) return;
  const n = sql.raw(sign === 1 ? 'count(*)' : '-count(*)');
  const size = sql.raw(String(ROLLUP_CELL_DEG));
  await db.execute(sql`
    with w as materialized (
      select created_at, region_id, city_id, lng, lat from work_orders
      where id in (select jsonb_array_elements_text(${JSON.stringify(orderIds)}::jsonb)::uuid)),
    cities as (
      insert into created_orders_city (grain, bucket, region_id, city_id, orders)
      select g.grain, ${BUCKET}, w.region_id, w.city_id, ${n}
      from w cross join (values ('month'), ('day'), ('hour')) g(grain)
      group by 1, 2, 3, 4 order by 1, 3, 2, 4
      on conflict (grain, region_id, bucket, city_id)
        do update set orders = created_orders_city.orders + excluded.orders)
    insert into created_orders_cell (grain, bucket, region_id, gx, gy, orders)
    select g.grain, ${BUCKET}, w.region_id, floor(w.lng / ${size})::int, floor(w.lat / ${size})::int, ${n}
    from w cross join (values ('month'), ('day')) g(grain)
    group by 1, 2, 3, 4, 5 order by 1, 3, 2, 4, 5
    on conflict (grain, region_id, bucket, gx, gy)
      do update set orders = created_orders_cell.orders + excluded.orders`);
}
