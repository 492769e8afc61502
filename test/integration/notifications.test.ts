import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findUserByUsername, schema, type DatabaseHandle, type DeliveryRow } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { NotificationView } from '../../realtime/events';
import { LEASE_MS, RETRY_BASE_MS } from '../../realtime/notify/outbox';
import type { NotifySettings } from '../../realtime/notify/setup';
import type { Notification } from '../../realtime/schemas/notification';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import {
  startSmsProvider,
  startSmtpServer,
  startWebhookReceiver,
  type HttpReceiver
} from '../support/notify-servers';
import { connect, connected, until, type TestSocket } from '../support/sockets';

const HOUR = 3_600_000;
const WINDOW = 60_000;
const SMS_KEY = 'test-signing-key-0123456789';
const MANAGER = { email: 'manager.east@example.com', phone: '13800138000' };

describe.each(backends('the notification tests'))('notification delivery on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let webhook: HttpReceiver;
  let sms: HttpReceiver;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let settings: NotifySettings;
  let managerId: string;
  let now = new Date('2026-03-02T08:00:00Z');
  const clock: Clock = { now: () => now };
  const advance = (ms: number) => void (now = new Date(now.getTime() + ms));
  const sockets: TestSocket[] = [];
  let seq = 0;
  const key = () => `order:test:level:1:cycle:${++seq}`;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    [webhook, sms, smtp] = await Promise.all([
      startWebhookReceiver(),
      startSmsProvider(SMS_KEY),
      startSmtpServer()
    ]);
    settings = {
      // Only the test's own ticks run the worker.
      intervalMs: HOUR,
      maxAttempts: 3,
      digestWindowMs: WINDOW,
      timeoutMs: 20_000,
      webhook: { url: `${webhook.url}/robot`, format: 'wecom' },
      email: { smtpUrl: smtp.url, from: 'dispatch@example.com' },
      sms: { url: `${sms.url}/send`, key: SMS_KEY, template: '{title}：{body}' }
    };
    server = await startServer(handle, { clock, notify: settings });
    const manager = await findUserByUsername(handle.db, 'manager.east');
    if (!manager) throw new Error('no manager.east');
    managerId = manager.id;
    await handle.db.update(schema.users).set(MANAGER).where(eq(schema.users.id, managerId));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.close();
    await Promise.all([webhook?.close(), sms?.close(), smtp?.close()]);
    await cleanup();
  });
  beforeEach(async () => {
    // Each test starts clean: what the one before left waiting is sent, and its digest window is over.
    webhook.behaviour = 200;
    advance(HOUR);
    await server.app.outbox.tick();
    advance(HOUR);
  });

  const toManager = (channel: Notification['channel'], over: Partial<Notification> = {}): Notification => ({
    recipient: { type: 'user', userId: managerId },
    channel,
    title: '工单 A-1 超时未接单',
    body: '已升级到区域经理',
    severity: 'warning',
    dedupeKey: key(),
    ...over
  });
  const deliveries = (dedupeKey: string): Promise<DeliveryRow[]> =>
    handle.db
      .select()
      .from(schema.notificationOutbox)
      .where(eq(schema.notificationOutbox.dedupeKey, dedupeKey));
  const delivery = async (dedupeKey: string): Promise<DeliveryRow> => {
    const [row] = await deliveries(dedupeKey);
    if (!row) throw new Error(`no delivery for ${dedupeKey}`);
    return row;
  };
  const api = async (method: string, path: string, cookie: string) => {
    const res = await fetch(`${server.base}/api${path}`, { method, headers: { cookie } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('delivers an alert on each channel to its own server', async () => {
    const alerts = [
      toManager('in_app'),
      toManager('email', { severity: 'critical' }),
      toManager('sms'),
      { ...toManager('webhook'), recipient: { type: 'default' as const } }
    ];
    const [mails, texts, posts] = [smtp.mails.length, sms.received.length, webhook.received.length];
    expect(await server.app.notifications.enqueue(alerts)).toBe(4);
    await server.app.outbox.tick();

    expect(smtp.mails.slice(mails)).toEqual([
      { to: [MANAGER.email], subject: '工单 A-1 超时未接单', text: '已升级到区域经理', priority: 'high' }
    ]);
    expect(sms.received.slice(texts)).toMatchObject([
      { path: '/send', body: { to: MANAGER.phone, text: '工单 A-1 超时未接单：已升级到区域经理' } }
    ]);
    const [post] = webhook.received.slice(posts);
    expect(post?.path).toBe('/robot');
    expect(post?.body).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(post?.body)).toContain('工单 A-1 超时未接单');
    const rows = await handle.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, managerId));
    expect(rows.map((r) => r.title)).toContain('工单 A-1 超时未接单');
    for (const a of alerts) expect((await delivery(a.dedupeKey)).status).toBe('sent');
  });

  it('enqueues an alert once per dedupe key, recipient and channel', async () => {
    const alert = toManager('email');
    expect(await server.app.notifications.enqueue([alert, alert])).toBe(1);
    expect(await server.app.notifications.enqueue([alert])).toBe(0);
    expect(await server.app.notifications.enqueue([toManager('sms', { dedupeKey: alert.dedupeKey })])).toBe(
      1
    );
    expect(await deliveries(alert.dedupeKey)).toHaveLength(2);
  });

  it('enqueues inside the caller’s transaction, so a rolled-back escalation sends nothing', async () => {
    const kept = toManager('email');
    const dropped = toManager('email');
    await handle.db.transaction((tx) => server.app.notifications.enqueue([kept], tx));
    await expect(
      handle.db.transaction(async (tx) => {
        await server.app.notifications.enqueue([dropped], tx);
        throw new Error('the escalation failed');
      })
    ).rejects.toThrow('the escalation failed');
    expect(await deliveries(kept.dedupeKey)).toHaveLength(1);
    expect(await deliveries(dropped.dedupeKey)).toHaveLength(0);
  });

  it('rejects a notification whose recipient the channel cannot reach', async () => {
    await expect(
      server.app.notifications.enqueue([{ ...toManager('webhook') }, toManager('email', { title: ' ' })])
    ).rejects.toMatchObject({
      status: 422,
      fields: [
        expect.objectContaining({ path: '0.recipient.type' }),
        expect.objectContaining({ path: '1.title' })
      ]
    });
  });

  it('retries a failing channel after a backoff on the clock, while the others deliver', async () => {
    webhook.behaviour = 500;
    const hook = { ...toManager('webhook'), recipient: { type: 'default' as const } };
    const mail = toManager('email');
    const [mails, posts] = [smtp.mails.length, webhook.received.length];
    await server.app.notifications.enqueue([hook, mail]);
    await server.app.outbox.tick();

    expect(smtp.mails.length).toBe(mails + 1);
    expect((await delivery(mail.dedupeKey)).status).toBe('sent');
    const failed = await delivery(hook.dedupeKey);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + RETRY_BASE_MS / 2);
    expect(failed.nextAttemptAt.getTime()).toBeLessThanOrEqual(now.getTime() + RETRY_BASE_MS);

    advance(RETRY_BASE_MS / 2 - 1);
    await server.app.outbox.tick();
    expect(webhook.received.length).toBe(posts + 1);

    webhook.behaviour = 200;
    advance(RETRY_BASE_MS / 2 + 1);
    await server.app.outbox.tick();
    expect(webhook.received.length).toBe(posts + 2);
    expect(await delivery(hook.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const refused = await startWebhookReceiver();
    await refused.close();
    const hook = { ...toManager('webhook'), recipient: { type: 'address' as const, address: refused.url } };
    await server.app.notifications.enqueue([hook]);
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
      await server.app.outbox.tick();
      expect((await delivery(hook.dedupeKey)).attempts).toBe(attempt);
      advance(HOUR);
    }
    const row = await delivery(hook.dedupeKey);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    await server.app.outbox.tick();
    expect((await delivery(hook.dedupeKey)).attempts).toBe(settings.maxAttempts);
  });

  it('keeps sending on the other channels while one hangs', async () => {
    webhook.behaviour = 'hang';
    const [mails, texts, posts] = [smtp.mails.length, sms.received.length, webhook.received.length];
    const hook = { ...toManager('webhook'), recipient: { type: 'default' as const } };
    await server.app.notifications.enqueue([hook, toManager('email'), toManager('sms')]);
    const run = server.app.outbox.tick();
    await until(
      () => smtp.mails.length > mails && sms.received.length > texts && webhook.received.length > posts,
      'email and SMS delivered while the webhook is held'
    );
    expect((await delivery(hook.dedupeKey)).status).toBe('sending');
    webhook.release();
    await run;
    expect((await delivery(hook.dedupeKey)).status).toBe('sent');
  });

  it('groups a burst of alerts for one person into one digest', async () => {
    const mails = smtp.mails.length;
    const burst = [1, 2, 3, 4, 5].map((n) => toManager('email', { title: `工单 B-${n} 超时` }));
    await server.app.notifications.enqueue(burst);
    await server.app.outbox.tick();

    const sent = smtp.mails.slice(mails);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe('5 条提醒');
    for (const n of [1, 2, 3, 4, 5]) expect(sent[0]?.text).toContain(`工单 B-${n} 超时`);
    const rows = await Promise.all(burst.map((a) => delivery(a.dedupeKey)));
    const lead = rows.find((r) => r.status === 'sent');
    expect(rows.filter((r) => r.status === 'digested').map((r) => r.digestOf)).toEqual(
      Array(4).fill(lead?.id)
    );
  });

  it('holds alerts that follow a message within the window, then sends them as one digest', async () => {
    const mails = smtp.mails.length;
    await server.app.notifications.enqueue([toManager('email', { title: '第一条' })]);
    await server.app.outbox.tick();
    const later = ['第二条', '第三条'].map((title) => toManager('email', { title }));
    await server.app.notifications.enqueue(later);
    await server.app.outbox.tick();
    expect(smtp.mails.length).toBe(mails + 1);
    expect((await delivery(later[0]?.dedupeKey ?? '')).status).toBe('pending');

    advance(WINDOW);
    await server.app.outbox.tick();
    expect(smtp.mails.length).toBe(mails + 2);
    expect(smtp.mails.at(-1)).toMatchObject({ subject: '2 条提醒' });
  });

  it('takes back a claim whose sender died, once its lease has run out', async () => {
    const mail = toManager('email');
    await server.app.notifications.enqueue([mail]);
    // What a sender that died mid-send leaves behind.
    await handle.db
      .update(schema.notificationOutbox)
      .set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(eq(schema.notificationOutbox.dedupeKey, mail.dedupeKey));
    const mails = smtp.mails.length;
    await server.app.outbox.tick();
    expect(smtp.mails.length).toBe(mails);
    advance(LEASE_MS);
    await server.app.outbox.tick();
    expect(smtp.mails.length).toBe(mails + 1);
    expect(await delivery(mail.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends a role alert to everyone with the role in that region, and nobody else', async () => {
    const alert: Notification = {
      ...toManager('in_app'),
      recipient: { type: 'role', role: 'regional_manager', regionId: 'east' }
    };
    expect(await server.app.notifications.enqueue([alert])).toBe(1);
    expect((await delivery(alert.dedupeKey)).userId).toBe(managerId);
  });

  it('pushes an in-app notification to the user’s socket and keeps read state for them alone', async () => {
    const cookie = await login(server.base, 'manager.east');
    const other = await login(server.base, 'manager.north');
    const socket = connect(server.base, cookie);
    sockets.push(socket);
    const toasts: NotificationView[] = [];
    socket.on('notification:created', (n) => toasts.push(n));
    await connected(socket);
    await api('POST', '/notifications/read-all', cookie);

    await server.app.notifications.enqueue([
      toManager('in_app', { title: '请处理工单 C-1', orderId: 'C-1' })
    ]);
    await server.app.outbox.tick();
    await until(() => toasts.length > 0, 'the toast');
    expect(toasts[0]).toMatchObject({
      title: '请处理工单 C-1',
      orderId: 'C-1',
      severity: 'warning',
      readAt: null
    });
    const id = toasts[0]?.id ?? '';

    const unread = await api('GET', '/notifications?unread=true', cookie);
    expect(unread.body).toMatchObject({ unreadCount: 1, items: [{ id, title: '请处理工单 C-1' }] });
    expect((await api('GET', '/notifications', other)).body.items).not.toContainEqual(
      expect.objectContaining({ id })
    );
    expect((await api('POST', `/notifications/${id}/read`, other)).status).toBe(403);
    expect((await api('POST', '/notifications/not-an-id/read', cookie)).status).toBe(404);
    expect((await api('POST', `/notifications/${crypto.randomUUID()}/read`, cookie)).status).toBe(404);
    expect((await api('GET', '/notifications?unread=maybe', cookie)).status).toBe(422);

    const read = await api('POST', `/notifications/${id}/read`, cookie);
    expect(read.body).toMatchObject({ id, readAt: now.toISOString() });
    expect((await api('GET', '/notifications?unread=1', cookie)).body).toMatchObject({
      unreadCount: 0,
      items: []
    });

    await server.app.notifications.enqueue([toManager('in_app'), toManager('in_app')]);
    advance(HOUR);
    await server.app.outbox.tick();
    expect((await api('POST', '/notifications/read-all', cookie)).body).toEqual({ updated: 1 });
    expect((await api('GET', '/notifications?unread=true', cookie)).body).toMatchObject({ unreadCount: 0 });
  });

  it('skips deliveries to channels without settings, saying what to set', async () => {
    const bare = await startServer(handle, {
      clock,
      notify: { ...settings, webhook: { format: 'wecom' }, email: null, sms: null }
    });
    try {
      const hook = { ...toManager('webhook'), recipient: { type: 'default' as const } };
      const alerts = [toManager('email'), toManager('sms'), hook];
      await bare.app.notifications.enqueue(alerts);
      await bare.app.outbox.tick();
      const rows = await Promise.all(alerts.map((a) => delivery(a.dedupeKey)));
      expect(rows.map((r) => [r.status, r.lastError])).toEqual([
        ['skipped', expect.stringContaining('NOTIFY_SMTP_URL')],
        ['skipped', expect.stringContaining('NOTIFY_SMS_URL')],
        ['skipped', expect.stringContaining('NOTIFY_WEBHOOK_URL')]
      ]);
    } finally {
      await bare.close();
    }
  });
});
