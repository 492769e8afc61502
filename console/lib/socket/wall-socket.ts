// Socket.IO wiring for the wall: typed with the shared event maps, feeds a WallState-like sink.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  DepotAlert,
  OrderSummary,
  ServerToClientEvents,
  TechFrame,
  WallStats
} from '$realtime/events';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the socket writes into; WallState implements it. */
export interface WallSink {
  applyFrame(frame: TechFrame): unknown;
  applyStats(stats: WallStats): unknown;
  setConnection(status: ConnectionStatus): void;
}

export interface WallConnectionOptions {
  /** Server URL; the page's own origin when omitted. */
  url?: string;
  /** How long to wait for the `wall:snapshot` reply before giving up on it (the live frames still flow). */
  snapshotTimeoutMs?: number;
  /**
   * The server refused the connection or dropped it on purpose (for instance the session ended) and
   * Socket.IO will not retry by itself. The caller decides: go to /login, or call `retry()`.
   */
  onRefused?: (reason: string) => void;
  /** A snapshot request failed (timeout or error reply); for logging. */
  onSnapshotError?: (message: string) => void;
  /** `order:created` / `order:updated` for the user's regions (the dispatch queue listens). */
  onOrder?: (order: OrderSummary, kind: 'created' | 'updated') => void;
  /** `depot:alert` for the user's regions: a depot's stock line went below its safety level. */
  onDepotAlert?: (alert: DepotAlert) => void;
  /** Every (re)connect, after the first too: events missed while away are re-read from REST. */
  onConnected?: () => void;
}

export interface WallConnection {
  readonly socket: WallSocket;
  /** Connects again after `onRefused`. */
  retry(): void;
  close(): void;
}

export function connectWall(sink: WallSink, options: WallConnectionOptions = {}): WallConnection {
  const socketOptions = { withCredentials: true, transports: ['websocket'] };
  const socket: WallSocket = options.url ? io(options.url, socketOptions) : io(socketOptions);
  const snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;
  let everConnected = false;
  let closed = false;

  const requestSnapshot = () => {
    socket.timeout(snapshotTimeoutMs).emit('wall:snapshot', (err, reply) => {
      if (err) {
        options.onSnapshotError?.(err.message);
        return;
      }
      if ('error' in reply) {
        options.onSnapshotError?.(`${reply.error.code}: ${reply.error.message}`);
        return;
      }
      sink.applyFrame(reply.data.frame);
      sink.applyStats(reply.data.stats);
    });
  };

  socket.on('connect', () => {
    everConnected = true;
    sink.setConnection('connected');
    // The server also pushes a full frame on connect; the snapshot makes sure nothing is stale after a drop.
    requestSnapshot();
    options.onConnected?.();
  });

  socket.on('disconnect', (reason) => {
    if (closed) return;
    sink.setConnection('reconnecting');
    // Only a server-side disconnect stops the automatic reconnection.
    if (reason === 'io server disconnect') options.onRefused?.(reason);
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    sink.setConnection(everConnected ? 'reconnecting' : 'connecting');
    if (!socket.active) options.onRefused?.(err.message);
  });

  socket.on('tech:frame', (frame) => sink.applyFrame(frame));
  socket.on('stats:update', (stats) => sink.applyStats(stats));
  socket.on('order:created', (order) => options.onOrder?.(order, 'created'));
  socket.on('order:updated', (order) => options.onOrder?.(order, 'updated'));
  socket.on('depot:alert', (alert) => options.onDepotAlert?.(alert));

  return {
    socket,
    retry() {
      if (!closed && !socket.connected) socket.connect();
    },
    close() {
      closed = true;
      socket.removeAllListeners();
      socket.disconnect();
    }
  };
}
