// Two instances on one Postgres database, each with its own outbox worker and connection pool, racing for
// the same deliveries: FOR UPDATE SKIP LOCKED and the claim must send each exactly once.
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schema, type DatabaseHandle } from '../../db';
import type { Channel } from '../../realtime/notify/channel';
import { OutboxWorker } from '../../realtime/notify/outbox';
import { NotificationService } from '../../realtime/notify/service';
import { webhookChannel } from '../../realtime/notify/webhook';
import { freshPostgres, serviceUrl } from '../support/services';
import { startWebhookReceiver, type HttpReceiver } from '../support/notify-servers';

const pgUrl = serviceUrl('DATABASE_URL', 'the two-worker outbox test');
const ALERTS = 300;

describe.skipIf(!pgUrl)('two outbox workers on one Postgres database', () => {
  let handles: DatabaseHandle[] = [];
  let drop: () => Promise<void>;
  let receiver: HttpReceiver;
  const clock = { now: () => new Date('2026-03-02T08:00:00Z') };

  beforeAll(async () => {
    const fresh = await freshPostgres(pgUrl ?? '');
    drop = fresh.drop;
    handles = [await openDatabase({ url: fresh.url }), await openDatabase({ url: fresh.url })];
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await receiver?.close();
    await drop?.();
  });

  it('sends every delivery exactly once', async () => {
    const sentBy = [0, 0];
    const [a, b] = handles.map((h, i) => {
      const channel = webhookChannel({ format: 'json', timeoutMs: 20_000 });
      const counted: Channel = {
        name: channel.name,
        send: (batch) => {
          sentBy[i] = (sentBy[i] ?? 0) + batch.length;
          return channel.send(batch);
        }
      };
      return new OutboxWorker(h.db, [counted], clock, pino({ level: 'silent' }), {
        intervalMs: 60_000,
        maxAttempts: 3,
        digestWindowMs: 60_000
      });
    });
    const db = handles[0]?.db;
    if (!a || !b || !db) throw new Error('two workers expected');
    // A recipient each, so no two alerts share a digest and every one is a message of its own.
    const alerts = Array.from({ length: ALERTS }, (_, i) => ({
      recipient: { type: 'address' as const, address: `${receiver.url}/hook/${i}` },
      channel: 'webhook' as const,
      title: `alert ${i}`,
      dedupeKey: `race:${i}`
    }));
    expect(await new NotificationService(db, clock, []).enqueue(alerts)).toBe(ALERTS);

    const pending = () =>
      db.$count(schema.notificationOutbox, eq(schema.notificationOutbox.status, 'pending'));
    for (let round = 0; round < 20 && (await pending()) > 0; round++) await Promise.all([a.tick(), b.tick()]);

    // Which worker won which rows depends on scheduling; that no row is sent by both is the rule.
    console.log(`deliveries sent: worker a ${sentBy[0]}, worker b ${sentBy[1]}`);
    const titles = receiver.received.map((r) => (r.body as { title: string }).title);
    expect(titles).toHaveLength(ALERTS);
    expect(new Set(titles).size).toBe(ALERTS);
    expect(await db.$count(schema.notificationOutbox, eq(schema.notificationOutbox.status, 'sent'))).toBe(
      ALERTS
    );
  });
});
