import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, type DatabaseHandle } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { OrderSlaView, SlaBoard } from '../../realtime/contract';
import type { SlaAlert } from '../../realtime/events';
import { login, seed, startServer, type TestServer } from '../support/app';
import { backends } from '../support/backends';
import { orderInput, orderTools } from '../support/orders';
import { connect, connected, until, type TestSocket } from '../support/sockets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A Monday, 10:00 in Beijing. */
const START = new Date('2026-11-23T02:00:00Z');
const BEIJING = { lng: 116.4, lat: 39.9 };

describe.each(backends('the SLA tests'))('SLA clocks and escalations on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let now = START;
  const clock: Clock = { now: () => now };
  const sockets: TestSocket[] = [];
  const tools = orderTools(
    () => handle,
    () => server
  );

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
    await cleanup();
  });

  /** Moves the fake clock and fires what came due. */
  const advance = async (ms: number) => {
    now = new Date(now.getTime() + ms);
    await server.app.sla.tick();
  };
  const events = async (orderId: string, type: string) =>
    handle.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.aggregateId, orderId), eq(schema.events.type, type)))
      .orderBy(asc(schema.events.id));
  const levels = async (orderId: string) =>
    (await events(orderId, 'sla.escalated')).map((e) => [e.payload.level, e.payload.cycle]);
  const deliveries = (orderId: string) =>
    handle.db
      .select()
      .from(schema.notificationOutbox)
      .where(like(schema.notificationOutbox.dedupeKey, `escalation:${orderId}:%`));
  const slaOf = async (cookie: string, id: string) =>
    (await tools.api(cookie, 'GET', `/work-orders/${id}`)).body.sla as OrderSlaView;
  /** A high-priority order: 1 h to respond, counted round the clock. */
  const breachedHigh = async () => {
    const order = await tools.create({ priority: 'high' });
    await advance(HOUR);
    expect(await events(order.id, 'sla.breached')).toHaveLength(1);
    return order.id;
  };

  it('climbs the ladder without an acknowledgement: each level once, in order, with its notifications', async () => {
    const id = await breachedHigh();
    await advance(HOUR);
    expect(await levels(id)).toEqual([[1, 1]]);
    await advance(2 * HOUR);
    await advance(2 * HOUR);
    await server.app.sla.tick();
    expect(await levels(id)).toEqual([
      [1, 1],
      [2, 1],
      [3, 1]
    ]);
    const rows = await deliveries(id);
    const byLevel = (level: number) => rows.filter((r) => r.dedupeKey.endsWith(`:1:${level}`));
    // Nobody holds the order: level 1 goes to the region's dispatchers in the app.
    expect(new Set(byLevel(1).map((r) => r.channel))).toEqual(new Set(['in_app']));
    expect(new Set(byLevel(2).map((r) => r.channel))).toEqual(new Set(['sms']));
    expect(byLevel(3).length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r.dedupeKey}|${r.channel}|${r.recipient}`)).size).toBe(rows.length);
  });

  it('stops after an acknowledgement and re-arms when the ack times out', async () => {
    const id = await breachedHigh();
    await advance(HOUR);
    const dispatcher = await login(server.base, 'dispatch.east');
    const path = `/work-orders/${id}/escalation/acknowledgement`;
    const ack = await tools.api(dispatcher, 'POST', path, { reason: '已联系客户' });
    expect(ack.status).toBe(200);
    expect((ack.body as unknown as OrderSlaView).escalation).toMatchObject({
      level: 1,
      acknowledgedBy: 'user:dispatch.east'
    });
    expect((await tools.api(dispatcher, 'POST', path, {})).status).toBe(409);

    await advance(4 * HOUR - MINUTE);
    expect(await levels(id)).toEqual([[1, 1]]);
    // Re-armed at the ack timeout (4 h): a new cycle from level 1, one hour later.
    await advance(HOUR + MINUTE);
    expect(await levels(id)).toEqual([
      [1, 1],
      [1, 2]
    ]);
  });

  it('repeats the ladder as often as it says and then falls silent, catching up in order after a gap', async () => {
    const id = await breachedHigh();
    await advance(24 * HOUR);
    const cycles = [1, 2, 3].flatMap((cycle) => [1, 2, 3].map((level) => [level, cycle]));
    expect(await levels(id)).toEqual(cycles);
    await advance(24 * HOUR);
    expect(await levels(id)).toEqual(cycles);
  });

  it('raises a red-alert order to critical with a 30-minute response clock and tells the top level at once', async () => {
    const dispatcher = await login(server.base, 'dispatch.east');
    const socket = connect(server.base, dispatcher);
    sockets.push(socket);
    await connected(socket);
    const alerts: SlaAlert[] = [];
    socket.on('sla:escalated', (a) => alerts.push(a));

    const res = await tools.api(dispatcher, 'POST', '/work-orders', {
      ...orderInput({
        priority: 'normal',
        description: '厨房燃 气泄漏，有异味'
      })
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body.priority).toBe('critical');
    const sla = res.body.sla as OrderSlaView;
    expect(sla.redAlert).toEqual(['燃气泄漏']);
    expect(sla.clocks.response).toMatchObject({
      targetMs: 30 * MINUTE,
      dueAt: new Date(now.getTime() + 30 * MINUTE).toISOString()
    });
    expect(sla.escalation).toMatchObject({ level: 3, cycle: 1 });
    expect(await levels(id)).toEqual([[3, 1]]);
    const rows = await deliveries(id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === 'sms')).toBe(true);
    await until(() => alerts.some((a) => a.workOrderId === id), 'the sla:escalated event');
    expect(alerts.find((a) => a.workOrderId === id)).toMatchObject({ level: 3, regionId: 'east' });
  });

  it('pushes the due time out by as long as the order waits for the customer', async () => {
    const order = await tools.create({ priority: 'high' });
    const dispatcher = await login(server.base, 'dispatch.east');
    const due = Date.parse((await slaOf(dispatcher, order.id)).clocks.response.dueAt ?? '');
    await advance(10 * MINUTE);
    const paused = await tools.api(dispatcher, 'POST', `/work-orders/${order.id}/waiting`, {
      reason: 'waiting_customer',
      note: '客户不在家'
    });
    expect(paused.status).toBe(200);
    expect((paused.body as unknown as OrderSlaView).row?.band).toBe('paused');
    await advance(30 * MINUTE);
    const resumed = await tools.api(
      dispatcher,
      'DELETE',
      `/work-orders/${order.id}/waiting/waiting_customer`,
      {}
    );
    expect(resumed.status).toBe(200);
    expect((resumed.body as unknown as OrderSlaView).clocks.response.dueAt).toBe(
      new Date(due + 30 * MINUTE).toISOString()
    );
    now = new Date(due + MINUTE);
    await server.app.sla.tick();
    expect(await events(order.id, 'sla.breached')).toHaveLength(0);
    now = new Date(due + 30 * MINUTE);
    await server.app.sla.tick();
    expect(await events(order.id, 'sla.breached')).toHaveLength(1);
  });

  it('fires the levels that came due while the server was down once, in order, and never again', async () => {
    const id = await breachedHigh();
    await advance(HOUR);
    expect(await levels(id)).toEqual([[1, 1]]);
    await server.close();
    now = new Date(now.getTime() + 4 * HOUR);
    server = await startServer(handle, { clock });
    await server.app.sla.tick();
    const climbed = [
      [1, 1],
      [2, 1],
      [3, 1]
    ];
    expect(await levels(id)).toEqual(climbed);
    await server.close();
    server = await startServer(handle, { clock });
    await server.app.sla.tick();
    expect(await levels(id)).toEqual(climbed);
  });

  it('answers 404 for an unknown order and 409 when there is nothing to acknowledge', async () => {
    const dispatcher = await login(server.base, 'dispatch.east');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await tools.api(dispatcher, 'POST', `/work-orders/${unknown}/escalation/acknowledgement`, {})).status
    ).toBe(404);
    const order = await tools.create({ priority: 'low' });
    const res = await tools.api(
      dispatcher,
      'POST',
      `/work-orders/${order.id}/escalation/acknowledgement`,
      {}
    );
    expect(res.status).toBe(409);
    expect((res.body.error as { code: string }).code).toBe('nothing_to_acknowledge');
    const manager = await login(server.base, 'manager.north');
    expect(
      (await tools.api(manager, 'POST', `/work-orders/${order.id}/escalation/acknowledgement`, {})).status
    ).toBe(403);
  });

  it('shows each caller the board of their own regions, soonest breach first', async () => {
    await tools.create({
      priority: 'critical',
      customer: { ...orderInput().customer, location: BEIJING }
    });
    const east = await login(server.base, 'dispatch.east');
    const board = (await tools.api(east, 'GET', '/sla/board')).body as unknown as SlaBoard;
    expect(board.rows.length).toBeGreaterThan(0);
    expect(new Set(board.rows.map((r) => r.regionId))).toEqual(new Set(['east']));
    expect(Object.keys(board.breachesToday)).toEqual(['east']);
    const due = board.rows.map((r) => (r.dueAt ? Date.parse(r.dueAt) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect((await tools.api(east, 'GET', '/sla/board?regionId=north')).status).toBe(403);
    const north = await login(server.base, 'manager.north');
    const northBoard = (await tools.api(north, 'GET', '/sla/board?regionId=north'))
      .body as unknown as SlaBoard;
    expect(northBoard.rows.length).toBeGreaterThan(0);
    expect(northBoard.rows.every((r) => r.regionId === 'north')).toBe(true);
  });

  it('refuses bad SLA settings with 422 naming the field and saves nothing', async () => {
    const admin = await login(server.base, 'admin');
    const policy = (await tools.api(admin, 'GET', '/sla/policies/default')).body as {
      version: number;
      value: Record<string, unknown> & { byPriority: Record<string, Record<string, unknown>> };
    };
    const ladder = (await tools.api(admin, 'GET', '/sla/ladders/default')).body as {
      version: number;
      value: { levels: Record<string, unknown>[] } & Record<string, unknown>;
    };
    // The server counts versions: an edit sends the policy without one.
    const policyDoc = Object.fromEntries(Object.entries(policy.value).filter(([key]) => key !== 'version'));
    const cases: [string, unknown, string][] = [
      [
        '/sla/policies/default',
        {
          expectedVersion: policy.version,
          policy: {
            ...policyDoc,
            byPriority: {
              ...policy.value.byPriority,
              normal: { ...policy.value.byPriority.normal, responseMs: 0 }
            }
          }
        },
        'policy.byPriority.normal.responseMs'
      ],
      [
        '/sla/calendars/cn-business',
        {
          expectedVersion: 1,
          calendar: {
            id: 'cn-business',
            name: '工作日',
            kind: 'business_hours',
            week: {
              mon: [
                { start: '09:00', end: '12:00' },
                { start: '11:00', end: '18:00' }
              ],
              tue: [],
              wed: [],
              thu: [],
              fri: [],
              sat: [],
              sun: []
            }
          }
        },
        'calendar.week.mon.1'
      ],
      [
        '/sla/ladders/default',
        {
          expectedVersion: ladder.version,
          ladder: { ...ladder.value, levels: [ladder.value.levels[1], ladder.value.levels[0]] }
        },
        'ladder.levels.1.delayMs'
      ],
      [
        '/sla/ladders/default',
        {
          expectedVersion: ladder.version,
          ladder: { ...ladder.value, levels: [{ ...ladder.value.levels[0], channel: 'pigeon' }] }
        },
        'ladder.levels.0.channel'
      ]
    ];
    for (const [path, body, field] of cases) {
      const res = await tools.api(admin, 'PUT', path, body);
      expect(res.status, path).toBe(422);
      expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
    }
    const versions = await handle.db
      .select()
      .from(schema.slaSettings)
      .where(inArray(schema.slaSettings.kind, ['policy', 'calendar', 'ladder']));
    expect(versions.every((v) => v.version === 1)).toBe(true);

    const ok = await tools.api(admin, 'PUT', '/sla/red-alert-rule', {
      expectedVersion: 1,
      rule: { keywords: ['燃气泄漏', '漏水'], responseMs: 20 * MINUTE }
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const emptyRule = (cookie: string, expectedVersion: number) =>
      tools.api(cookie, 'PUT', '/sla/red-alert-rule', {
        expectedVersion,
        rule: { keywords: [], responseMs: 1 }
      });
    expect((await emptyRule(admin, 1)).status).toBe(409);
    expect((await emptyRule(await login(server.base, 'dispatch.east'), 2)).status).toBe(403);
  });
});
