// Two processes on one Postgres, each with its own timer queue over the same rows: every escalation level
// must fire exactly once however their firings interleave.
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schema, type DatabaseHandle } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { seed, startServer, type TestServer } from '../support/app';
import { orderTools } from '../support/orders';
import { freshPostgres, serviceUrl } from '../support/services';

const HOUR = 3_600_000;
const pgUrl = serviceUrl('DATABASE_URL', 'the two-instance SLA test');

describe.runIf(pgUrl)('SLA timers shared by two instances on one Postgres', () => {
  let drop: () => Promise<void>;
  const handles: DatabaseHandle[] = [];
  const servers: TestServer[] = [];
  let now = new Date('2026-11-23T02:00:00Z');
  const clock: Clock = { now: () => now };
  const tools = orderTools(
    () => handles[0] as DatabaseHandle,
    () => servers[0] as TestServer
  );

  beforeAll(async () => {
    const fresh = await freshPostgres(pgUrl ?? '');
    drop = fresh.drop;
    // Two pools: two processes' worth of connections racing for the same rows.
    for (let i = 0; i < 2; i++) handles.push(await openDatabase({ url: fresh.url }));
    await seed(handles[0] as DatabaseHandle);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(handles.map((h) => h.close()));
    await drop?.();
  });

  it('fires each level of each ladder exactly once', async () => {
    servers.push(await startServer(handles[0] as DatabaseHandle, { clock }));
    const orders = await Promise.all(Array.from({ length: 4 }, () => tools.create({ priority: 'high' })));
    // The second instance starts with every pending timer in its queue, as after a deploy.
    servers.push(await startServer(handles[1] as DatabaseHandle, { clock }));
    const db = (handles[0] as DatabaseHandle).db;
    const ids = orders.map((o) => o.id);
    const pending = () =>
      db.$count(
        schema.slaTimers,
        and(inArray(schema.slaTimers.orderId, ids), eq(schema.slaTimers.status, 'pending'))
      );
    // Past the breach and the first cycle, short of the second; each round both instances fire from their queues and
    // both sweep the rows, so every timer is contended.
    now = new Date(now.getTime() + 6.5 * HOUR);
    for (let round = 0; round < 12; round++)
      await Promise.all(servers.flatMap((s) => [s.app.sla.tick(), s.app.sla.sweepOverdue()]));
    for (const id of ids) {
      const fired = await db
        .select()
        .from(schema.events)
        .where(and(eq(schema.events.aggregateId, id), eq(schema.events.type, 'sla.escalated')))
        .orderBy(asc(schema.events.id));
      expect(fired.map((e) => [e.payload.level, e.payload.cycle])).toEqual([
        [1, 1],
        [2, 1],
        [3, 1]
      ]);
      const breaches = await db.$count(
        schema.events,
        and(eq(schema.events.aggregateId, id), eq(schema.events.type, 'sla.breached'))
      );
      expect(breaches).toBe(1);
      const deliveries = await db
        .select()
        .from(schema.notificationOutbox)
        .where(like(schema.notificationOutbox.dedupeKey, `escalation:${id}:%`));
      expect(new Set(deliveries.map((d) => `${d.dedupeKey}|${d.channel}|${d.recipient}`)).size).toBe(
        deliveries.length
      );
    }
    expect(await pending()).toBeGreaterThan(0);
  });
});
