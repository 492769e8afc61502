// Depot stock as dispatch reads it, and reservations that move it. A reservation is a conditional
// update: it succeeds only while on hand − reserved covers it, so stock never goes negative.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { depotStock, depots, reservations } from '../schema';
import type { Executor } from '../client';

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

/** Reserves every pick or throws (the caller's transaction then undoes the rest). Returns the stock left. */
export async function reservePicks(
  db: Executor,
  orderId: string,
  picks: readonly Pick[]
): Promise<StockLeft[]> {
  const left = [];
  for (const p of picks) {
    const [row] = await db
      .update(depotStock)
      .set({ reserved: sql`${depotStock.reserved} + ${p.qty}` })
      .from(depots)
      .where(
        and(
          eq(depots.id, depotStock.depotId),
          eq(depotStock.depotId, p.depotId),
          eq(depotStock.sku, p.sku),
          sql`${depotStock.onHand} - ${depotStock.reserved} >= ${p.qty}`
        )
      )
      .returning({
        regionId: depots.regionId,
        available: sql<number>`(${depotStock.onHand} - ${depotStock.reserved})::int`,
        safetyLevel: depotStock.safetyLevel
      });
    if (!row) throw new StockShortError(p);
    await db
      .insert(reservations)
      .values({ workOrderId: orderId, depotId: p.depotId, sku: p.sku, qty: p.qty });
    left.push({ depotId: p.depotId, sku: p.sku, ...row });
  }
  return left;
}

export class StockShortError extends Error {
  constructor(readonly pick: Pick) {
    super(`depot ${pick.depotId} no longer has ${pick.qty} × ${pick.sku}`);
  }
}

/** Gives back everything an order holds. Returns what was released. */
export async function releaseReservations(db: Executor, orderId: string, at: Date): Promise<Pick[]> {
  const released = await db
    .update(reservations)
    .set({ active: false, releasedAt: at })
    .where(and(eq(reservations.workOrderId, orderId), eq(reservations.active, true)))
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
