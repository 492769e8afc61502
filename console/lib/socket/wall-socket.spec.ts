import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  ClientToServerEvents,
  OrderSummary,
  ServerToClientEvents,
  TechFrame,
  WallStats
} from '$realtime/events';
import { DepotState } from '$lib/depots/depot-state.svelte';
import { DispatchQueue } from '$lib/dispatch/dispatch-queue.svelte';
import { NotificationCentre } from '$lib/notifications/notification-centre.svelte';
import { SlaBoardState } from '$lib/sla/sla-board.svelte';
import { iso, notification, slaRow, T0 } from '$lib/testing/sla-rows';
import { Now } from '$lib/time/now.svelte';
import { WallState } from '$lib/wall/wall-state.svelte';
import { connectWall, type WallConnection } from './wall-socket';

type TestServer = Server<ClientToServerEvents, ServerToClientEvents>;

const stats = (at: string, openOrders: number): WallStats => ({
  at,
  technicians: { offline: 1, idle: 2, en_route: 3, busy: 4 },
  openOrders
});
const fullFrame = (at: string, ids: string[]): TechFrame => ({
  at,
  full: true,
  positions: ids.map((id) => ({ id, lng: 121, lat: 31, status: 'idle', regionId: 'east' }))
});

let http: HttpServer | undefined;
let io: TestServer | undefined;
let connection: WallConnection | undefined;

async function startServer(setup: (io: TestServer) => void): Promise<string> {
  http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  setup(io);
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

afterEach(async () => {
  connection?.close();
  connection = undefined;
  await io?.close();
  io = undefined;
  http = undefined;
});

describe('connectWall', () => {
  it('applies the frame and stats pushed on connect and the snapshot reply', async () => {
    let snapshots = 0;
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.emit('tech:frame', fullFrame('2026-01-01T00:00:00Z', ['a', 'b']));
        socket.emit('stats:update', stats('2026-01-01T00:00:00Z', 5));
        socket.on('wall:snapshot', (reply) => {
          snapshots++;
          reply({
            data: {
              frame: fullFrame('2026-01-01T00:00:01Z', ['a', 'b', 'c']),
              stats: stats('2026-01-01T00:00:01Z', 6)
            }
          });
        });
      });
    });
    const wall = new WallState();
    connection = connectWall(wall, { url });

    await vi.waitFor(() => expect(wall.size).toBe(3));
    expect(wall.connection).toBe('connected');
    expect(wall.counts?.openOrders).toBe(6);
    expect(snapshots).toBe(1);
  });

  it('merges the partial frames that follow', async () => {
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.emit('tech:frame', fullFrame('2026-01-01T00:00:00Z', ['a']));
        socket.emit('tech:frame', {
          at: '2026-01-01T00:00:00.300Z',
          full: false,
          positions: [{ id: 'b', lng: 120, lat: 30, status: 'busy', regionId: 'east' }]
        });
        socket.on('wall:snapshot', (reply) => reply({ error: { code: 'unavailable', message: 'not now' } }));
      });
    });
    const wall = new WallState();
    const errors: string[] = [];
    connection = connectWall(wall, { url, onSnapshotError: (m) => errors.push(m) });

    await vi.waitFor(() => expect(wall.size).toBe(2));
    await vi.waitFor(() => expect(errors).toEqual(['unavailable: not now']));
    expect(wall.positions.get('b')?.status).toBe('busy');
  });

  it('shows reconnecting after a drop, then asks for a fresh snapshot once back', async () => {
    let snapshots = 0;
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.on('wall:snapshot', (reply) => {
          snapshots++;
          const ids = snapshots === 1 ? ['a'] : ['a', 'b'];
          reply({
            data: {
              frame: fullFrame(new Date().toISOString(), ids),
              stats: stats(new Date().toISOString(), snapshots)
            }
          });
        });
      });
    });
    const wall = new WallState();
    const states: string[] = [];
    connection = connectWall(
      {
        applyFrame: (f) => wall.applyFrame(f),
        applyStats: (s) => wall.applyStats(s),
        setConnection: (s) => {
          states.push(s);
          wall.setConnection(s);
        }
      },
      { url }
    );
    await vi.waitFor(() => expect(wall.size).toBe(1));

    // cut the transport under the server's feet: the client sees a network drop, not a kick
    for (const socket of io!.sockets.sockets.values()) socket.conn.close();

    await vi.waitFor(() => expect(wall.size).toBe(2), { timeout: 10_000 });
    expect(snapshots).toBe(2);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    expect(wall.counts?.openOrders).toBe(2);
  });

  it('hands a refused handshake to the caller instead of retrying forever', async () => {
    const url = await startServer((server) => {
      server.use((_socket, next) => next(new Error('unauthorized')));
    });
    const wall = new WallState();
    const refused: string[] = [];
    connection = connectWall(wall, { url, onRefused: (reason) => refused.push(reason) });

    await vi.waitFor(() => expect(refused).toEqual(['unauthorized']));
    expect(wall.connection).toBe('connecting');
  });

  it('passes order:created and order:updated to the dispatch queue, which moves the order between groups', async () => {
    const summary = (status: string, version: number): OrderSummary => ({
      id: 'o1',
      version,
      regionId: 'east',
      status,
      priority: 'high',
      channel: 'api',
      location: { lng: 121, lat: 31 },
      technicianId: status === 'assigned' ? 't1' : null,
      createdAt: new Date().toISOString()
    });
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.on('wall:snapshot', (reply) => reply({ error: { code: 'unavailable', message: 'not now' } }));
        socket.emit('order:created', summary('created', 1));
        setTimeout(() => socket.emit('order:updated', summary('assigned', 2)), 50);
      });
    });
    const queue = new DispatchQueue();
    const seen: string[] = [];
    const connected = vi.fn();
    connection = connectWall(new WallState(), {
      url,
      onConnected: connected,
      onOrder: (order, kind) => {
        seen.push(`${kind}:${order.status}`);
        queue.apply(order);
      }
    });

    await vi.waitFor(() => expect(seen).toEqual(['created:created', 'updated:assigned']));
    expect(queue.groups.waiting).toHaveLength(0);
    expect(queue.groups.assigned.map((o) => o.id)).toEqual(['o1']);
    expect(queue.get('o1')?.technicianId).toBe('t1');
    expect(connected).toHaveBeenCalledTimes(1);
  });

  it('passes depot:alert to the depots, which turn the depot into an alert', async () => {
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.on('wall:snapshot', (reply) => reply({ error: { code: 'unavailable', message: 'not now' } }));
        socket.emit('depot:alert', {
          depotId: 'D-shanghai-1',
          regionId: 'east',
          sku: '空调-1A',
          available: 1,
          safetyLevel: 5,
          at: '2026-03-01T08:00:05Z'
        });
      });
    });
    const depots = new DepotState();
    depots.load({
      at: '2026-03-01T08:00:00Z',
      items: [
        {
          id: 'D-shanghai-1',
          name: '上海1号仓',
          regionId: 'east',
          location: { lng: 121.5, lat: 31.2 },
          lowStockCount: 0,
          lowStock: []
        }
      ]
    });
    connection = connectWall(new WallState(), { url, onDepotAlert: (alert) => depots.applyAlert(alert) });

    await vi.waitFor(() => expect(depots.alerting).toBe(1));
    expect(depots.depots.find((d) => d.id === 'D-shanghai-1')?.lowStock).toEqual([
      { sku: '空调-1A', available: 1, safetyLevel: 5 }
    ]);
  });

  it('feeds the SLA board from sla:updated, sla:removed and sla:breached, and hands notifications on', async () => {
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.on('wall:snapshot', (reply) => reply({ error: { code: 'unavailable', message: 'not now' } }));
        socket.emit('sla:updated', slaRow('a', { version: 2 }));
        socket.emit('sla:updated', slaRow('a', { version: 1, band: 'breached' }));
        socket.emit('sla:updated', slaRow('b'));
        socket.emit('sla:removed', { orderId: 'b', regionId: 'east', at: iso(T0 + 1000) });
        socket.emit('sla:breached', {
          workOrderId: 'c',
          regionId: 'north',
          metric: 'arrival',
          level: 0,
          cycle: 1,
          dueAt: iso(T0),
          at: iso(T0)
        });
        socket.emit('notification:created', notification('n1', { severity: 'critical' }));
      });
    });
    const board = new SlaBoardState({ fetch, now: new Now(() => T0) });
    const centre = new NotificationCentre({ fetch });
    connection = connectWall(new WallState(), {
      url,
      sla: board,
      onNotification: (n) => centre.applyCreated(n)
    });

    await vi.waitFor(() => expect(centre.unreadCount).toBe(1));
    expect(board.rows.map((s) => [s.row.orderId, s.row.version])).toEqual([['a', 2]]);
    expect(board.breachesToday).toEqual({ north: 1 });
    expect(centre.toasts.map((n) => n.id)).toEqual(['n1']);
  });
});
