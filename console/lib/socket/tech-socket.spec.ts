import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, OrderSummary, ServerToClientEvents } from '$realtime/events';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';
import { settlementView } from '$lib/testing/settlement';
import { connectTech, type TechConnection } from './tech-socket';

type TestServer = Server<ClientToServerEvents, ServerToClientEvents>;

let http: HttpServer | undefined;
let io: TestServer | undefined;
let connection: TechConnection | undefined;

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

const summary = (technicianId: string | null, version: number): OrderSummary => ({
  id: 'o1',
  version,
  regionId: 'south',
  status: technicianId ? 'offered' : 'created',
  priority: 'normal',
  channel: 'api',
  location: { lng: 113.32, lat: 23.14 },
  technicianId,
  createdAt: new Date().toISOString()
});

describe('connectTech', () => {
  it("passes the technician's order and settlement updates on, in the order they came", async () => {
    const url = await startServer((server) => {
      server.on('connection', (socket) => {
        socket.emit('order:updated', summary('T00042', 2));
        socket.emit('order:updated', summary(null, 3));
        socket.emit('settlement:updated', settlementView({ version: 4 }));
      });
    });
    const seen: OrderSummary[] = [];
    const earnings: number[] = [];
    const states: ConnectionStatus[] = [];
    connection = connectTech({
      url,
      onOrder: (o) => seen.push(o),
      onSettlement: (s) => earnings.push(s.version),
      onStatus: (s) => states.push(s)
    });

    await vi.waitFor(() => expect(seen.map((o) => o.version)).toEqual([2, 3]));
    await vi.waitFor(() => expect(earnings).toEqual([4]));
    expect(seen[1]?.technicianId).toBeNull();
    expect(states).toEqual(['connected']);
  });

  it('says reconnecting after a drop and calls onConnected again once back, so the list is re-read', async () => {
    const url = await startServer(() => undefined);
    const states: ConnectionStatus[] = [];
    const connected = vi.fn();
    connection = connectTech({
      url,
      onOrder: () => undefined,
      onSettlement: () => undefined,
      onStatus: (s) => states.push(s),
      onConnected: connected
    });
    await vi.waitFor(() => expect(connected).toHaveBeenCalledTimes(1));

    // cut the transport under the server's feet: the client sees a network drop, not a kick
    for (const socket of io!.sockets.sockets.values()) socket.conn.close();

    await vi.waitFor(() => expect(connected).toHaveBeenCalledTimes(2), { timeout: 10_000 });
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('hands a refused handshake to the caller instead of retrying forever', async () => {
    const url = await startServer((server) => {
      server.use((_socket, next) => next(new Error('unauthenticated')));
    });
    const refused: string[] = [];
    const states: ConnectionStatus[] = [];
    connection = connectTech({
      url,
      onOrder: () => undefined,
      onSettlement: () => undefined,
      onStatus: (s) => states.push(s),
      onRefused: (reason) => refused.push(reason)
    });

    await vi.waitFor(() => expect(refused).toEqual(['unauthenticated']));
    expect(states.at(-1)).toBe('connecting');
  });
});
