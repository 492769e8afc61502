// The demo's month of history, stored: the planned orders (history.ts) written in batches, each batch's
// settlements priced, frozen, accepted, deducted and paid by the settlement engine as the live path would
// have, with the rollup hours and the audit events. No SLA clocks, timers or assignments: the orders are
// long done, so nothing escalates or waits for dispatch. One transaction: all of it or none.
import { sql } from 'drizzle-orm';
import { insertWorkOrders, schema, type Database } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { SettlementEngine } from '../settlement/engine';
import { planHistory } from './history';

/** Orders per batch: a few thousand parameters per statement, well under Postgres's 65,535. */
const BATCH = 1000;

/** Stores `days` of history before now, once: a database with settlements already is left alone. */
export async function seedHistory(deps: {
  db: Database;
  engine: SettlementEngine;
  clock: Clock;
  days: number;
}): Promise<number> {
  const { db, engine, clock, days } = deps;
  if (days <= 0) return 0;
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(schema.settlements);
    if (n > 0) return 0;
    const [technicians, parts] = await Promise.all([
      tx
        .select({
          id: schema.technicians.id,
          regionId: schema.technicians.regionId,
          lng: schema.technicians.lng,
          lat: schema.technicians.lat,
          skills: schema.technicians.skills
        })
        .from(schema.technicians),
      tx.select().from(schema.parts)
    ]);
    const now = clock.now();
    const plan = planHistory(technicians, parts, now, days);
    for (let i = 0; i < plan.orders.length; i += BATCH) {
      const batch = plan.orders.slice(i, i + BATCH);
      const stored = await insertWorkOrders(
        tx,
        batch.map((p) => p.row)
      );
      await engine.recordPast(
        tx,
        batch.map((p, j) => {
          const order = stored[j]?.order;
          if (!order) throw new Error('history order not stored');
          return { ...p, order, events: p.events.map((e) => ({ ...e, aggregateId: order.id })) };
        }),
        plan.payRuns,
        'system:demo',
        now
      );
    }
    return plan.orders.length;
  });
}
