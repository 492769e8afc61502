// Socket.IO wiring for the wall: typed with the shared event maps, feeds a WallState-like sink.
import type { SlaBoardRow } from '$realtime/contract';
import type { DepotAlert, OrderSummary, SlaAlert, TechFrame, WallStats } from '$realtime/events';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';
import { openConnection, type Connection, type ConnectionOptions, type ConsoleSocket } from './connection';

export type WallSocket = ConsoleSocket;

/** What the socket writes into; WallState implements it. */
export interface WallSink {
  applyFrame(frame: TechFrame): unknown;
  applyStats(stats: WallStats): unknown;
  setConnection(status: ConnectionStatus): void;
}

/** What the SLA events write into; SlaBoardState implements it. */
export interface SlaSink {
  apply(row: SlaBoardRow): unknown;
  remove(removed: { orderId: string; at: string }): unknown;
  applyBreach(alert: SlaAlert): unknown;
}

export interface WallConnectionOptions extends Pick<
  ConnectionOptions,
  'url' | 'onRefused' | 'onConnected' | 'onNotification'
> {
  /** How long to wait for the `wall:snapshot` reply before giving up on it (the live frames still flow). */
  snapshotTimeoutMs?: number;
  /** A snapshot request failed (timeout or error reply); for logging. */
  onSnapshotError?: (message: string) => void;
  /** `order:created` / `order:updated` for the user's regions (the dispatch queue listens). */
  onOrder?: (order: OrderSummary, kind: 'created' | 'updated') => void;
  /** `depot:alert` for the user's regions: a depot's stock line went below its safety level. */
  onDepotAlert?: (alert: DepotAlert) => void;
  /** The SLA board: `sla:updated`, `sla:removed` and `sla:breached` for the user's regions. */
  sla?: SlaSink;
}

export type WallConnection = Connection;

export function connectWall(sink: WallSink, options: WallConnectionOptions = {}): WallConnection {
  const snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;
  const connection = openConnection({
    url: options.url,
    onStatus: (status) => sink.setConnection(status),
    onRefused: options.onRefused,
    onNotification: options.onNotification,
    // The server also pushes a full frame on connect; the snapshot makes sure nothing is stale after a drop.
    onConnected: () => {
      requestSnapshot();
      options.onConnected?.();
    }
  });
  const { socket } = connection;

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

  socket.on('tech:frame', (frame) => sink.applyFrame(frame));
  socket.on('stats:update', (stats) => sink.applyStats(stats));
  socket.on('order:created', (order) => options.onOrder?.(order, 'created'));
  socket.on('order:updated', (order) => options.onOrder?.(order, 'updated'));
  socket.on('depot:alert', (alert) => options.onDepotAlert?.(alert));
  socket.on('sla:updated', (row) => options.sla?.apply(row));
  socket.on('sla:removed', (removed) => options.sla?.remove(removed));
  socket.on('sla:breached', (alert) => options.sla?.applyBreach(alert));
  return connection;
}
