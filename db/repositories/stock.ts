// Depot stock as dispatch reads it, and reservations that move it. A reservation is a conditional
// update: it succeeds only while on hand − reserved covers it, so stock never goes negative.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { depotStock, depots, parts, reservations } from '../schema';
import type { Executor } from '../client';
import { idList, type OrderIds } from './order-ids';

export interface StockRow {
  depotId: string;
  regionId: string;
  lng: number;
  lat: number;
  sku: string;
  available: number;
}

export async function availableStock(db: Executor, skus: readonly string[]): Promise<StockRow[]> {
  if (skus.length === 0) return [];
  return db
    .select({
      depotId: depotStock.depotId,
      regionId: depots.regionId,
      lng: depots.lng,
      lat: depots.lat,
      sku: depotStock.sku,
      available: sql<number>`(${depotStock.onHand} - ${depotStock.reserved})::int`
    })
    .from(depotStock)
    .innerJoin(depots, eq(depots.id, depotStock.depotId))
    .where(inArray(depotStock.sku, [...skus]));
}

export interface Pick {
  depotId: string;
  sku: string;
  qty: number;
}

/** A line just reserved from, as it is now; the depot's region says who may hear about it. */
export interface StockLeft {
  depotId: string;
  regionId: string;
  sku: string;
  available: number;
  safetyLevel: number;
}

/** One order's picks, as `reserveAll` takes them. */
export interface OrderPicks {
  orderId: string;
  picks: readonly Pick[];
}

/** Reserves every pick or throws (the caller's transaction then undoes the rest). Returns the stock left. */
export async function reservePicks(
  db: Executor,
  orderId: string,
  picks: readonly Pick[]
): Promise<StockLeft[]> {
  const [left] = await reserveAll(db, [{ orderId, picks }]);
  return left ?? [];
}

const lineKey = (p: { depotId: string; sku: string }) => `${p.depotId}\u0000${p.sku}`;

/**
 * Reserves the picks of several orders in three statements, whatever their number: lock the lines (in
 * one order, so two reservers never deadlock), move them by each line's total where on hand − reserved
 * covers it, insert the reservation rows. Throws `StockShortError` naming a line that does not cover its
 * total. Returns, per order, the stock left after its own picks as if the orders had reserved one after
 * the other in the order given, so replenishment alerts read the same as for one order at a time.
 */
export async function reserveAll(db: Executor, orders: readonly OrderPicks[]): Promise<StockLeft[][]> {
  const totals = new Map<string, Pick>();
  for (const { picks } of orders)
    for (const p of picks) {
      const line = totals.get(lineKey(p));
      totals.set(lineKey(p), { ...p, qty: (line?.qty ?? 0) + p.qty });
    }
  if (totals.size === 0) return orders.map(() => []);
  const lines = [...totals.values()].sort((a, b) => compare(lineKey(a), lineKey(b)));
  const isLine = sql.join(
    lines.map((l) => sql`(${l.depotId}, ${l.sku})`),
    sql`, `
  );
  await db
    .select({ sku: depotStock.sku })
    .from(depotStock)
    .where(sql`(${depotStock.depotId}, ${depotStock.sku}) in (${isLine})`)
    .orderBy(depotStock.depotId, depotStock.sku)
    .for('update');
  const qty = sql.join(
    [
      sql`case`,
      ...lines.map(
        (l) =>
          sql`when ${depotStock.depotId} = ${l.depotId} and ${depotStock.sku} = ${l.sku} then ${l.qty}::int`
      ),
      sql`end`
    ],
    sql` `
  );
  const moved = await db
    .update(depotStock)
    .set({ reserved: sql`${depotStock.reserved} + ${qty}` })
    .from(depots)
    .where(
      and(
        eq(depots.id, depotStock.depotId),
        sql`(${depotStock.depotId}, ${depotStock.sku}) in (${isLine})`,
        sql`${depotStock.onHand} - ${depotStock.reserved} >= ${qty}`
      )
    )
    .returning({
      depotId: depotStock.depotId,
      sku: depotStock.sku,
      regionId: depots.regionId,
      available: sql<number>`(${depotStock.onHand} - ${depotStock.reserved})::int`,
      safetyLevel: depotStock.safetyLevel
    });
  if (moved.length < lines.length) {
    const done = new Set(moved.map(lineKey));
    throw new StockShortError(lines.find((l) => !done.has(lineKey(l))) ?? (lines[0] as Pick));
  }
  await db
    .insert(reservations)
    .values(
      orders.flatMap(({ orderId, picks }) =>
        picks.map((p) => ({ workOrderId: orderId, depotId: p.depotId, sku: p.sku, qty: p.qty }))
      )
    );
  // Walk the orders forward from what each line had before the batch.
  const running = new Map(
    moved.map((m) => [lineKey(m), { ...m, available: m.available + (totals.get(lineKey(m))?.qty ?? 0) }])
  );
  return orders.map(({ picks }) =>
    picks.map((p) => {
      const line = running.get(lineKey(p));
      if (!line) throw new Error(`line ${lineKey(p)} was reserved but not returned`);
      line.available -= p.qty;
      return { ...line };
    })
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class StockShortError extends Error {
  constructor(readonly pick: Pick) {
    super(`depot ${pick.depotId} no longer has ${pick.qty} × ${pick.sku}`);
  }
}

/** Gives back everything the orders hold. Returns what was released. */
export async function releaseReservations(db: Executor, orders: OrderIds, at: Date): Promise<Pick[]> {
  const released = await db
    .update(reservations)
    .set({ active: false, releasedAt: at })
    .where(and(inArray(reservations.workOrderId, idList(orders)), eq(reservations.active, true)))
    .returning({ depotId: reservations.depotId, sku: reservations.sku, qty: reservations.qty });
  for (const r of released) {
    await db
      .update(depotStock)
      .set({ reserved: sql`${depotStock.reserved} - ${r.qty}` })
      .where(and(eq(depotStock.depotId, r.depotId), eq(depotStock.sku, r.sku)));
  }
  return released;
}

/** A completed job used its parts: they leave the depot's stock (on hand and reserved alike). */
export async function consumeReservations(db: Executor, orderId: string, at: Date): Promise<Pick[]> {
  const used = await db
    .update(reservations)
    .set({ active: false, releasedAt: at })
    .where(and(eq(reservations.workOrderId, orderId), eq(reservations.active, true)))
    .returning({ depotId: reservations.depotId, sku: reservations.sku, qty: reservations.qty });
  for (const r of used) {
    await db
      .update(depotStock)
      .set({
        onHand: sql`${depotStock.onHand} - ${r.qty}`,
        reserved: sql`${depotStock.reserved} - ${r.qty}`
      })
      .where(and(eq(depotStock.depotId, r.depotId), eq(depotStock.sku, r.sku)));
  }
  return used;
}

/** A part the order holds now, its reservations summed per SKU, with what one unit costs. */
export interface HeldPart {
  sku: string;
  name: string;
  qty: number;
  unitCostFen: number;
}

/** What each order holds (active reservations, whichever depots), by SKU; orders holding none are absent. */
export async function heldParts(db: Executor, orderIds: readonly string[]): Promise<Map<string, HeldPart[]>> {
  const held = new Map<string, HeldPart[]>();
  if (orderIds.length === 0) return held;
  const rows = await db
    .select({
      orderId: reservations.workOrderId,
      sku: reservations.sku,
      name: parts.name,
      qty: sql<number>`sum(${reservations.qty})::int`,
      unitCostFen: parts.unitCostFen
    })
    .from(reservations)
    .innerJoin(parts, eq(parts.sku, reservations.sku))
    .where(and(inArray(reservations.workOrderId, [...orderIds]), eq(reservations.active, true)))
    .groupBy(reservations.workOrderId, reservations.sku, parts.name, parts.unitCostFen)
    .orderBy(reservations.workOrderId, reservations.sku);
  for (const { orderId, ...part } of rows) held.set(orderId, [...(held.get(orderId) ?? []), part]);
  return held;
}
