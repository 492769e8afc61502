// Socket.IO for a technician's phone. The session cookie decides the rooms: the server puts the socket in
// `tech:<id>`, which hears `order:updated` for every order the technician holds or has just lost.
// Same lifecycle as connectWall (wall-socket.ts), without the map's frames and snapshot.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, OrderSummary, ServerToClientEvents } from '$realtime/events';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';

export type TechSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TechConnectionOptions {
  /** Server URL; the page's own origin when omitted. */
  url?: string;
  onOrder: (order: OrderSummary) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Every (re)connect: updates missed while away are re-read from REST. */
  onConnected?: () => void;
  /**
   * The server refused the connection or dropped it on purpose (for instance the session ended) and
   * Socket.IO will not retry by itself. The caller decides: go to /login, or call `retry()`.
   */
  onRefused?: (reason: string) => void;
}

export interface TechConnection {
  readonly socket: TechSocket;
  /** Connects again after `onRefused`. */
  retry(): void;
  close(): void;
}

export function connectTech(options: TechConnectionOptions): TechConnection {
  const socketOptions = { withCredentials: true, transports: ['websocket'] };
  const socket: TechSocket = options.url ? io(options.url, socketOptions) : io(socketOptions);
  let everConnected = false;
  let closed = false;

  socket.on('connect', () => {
    everConnected = true;
    options.onStatus('connected');
    options.onConnected?.();
  });

  socket.on('disconnect', (reason) => {
    if (closed) return;
    options.onStatus('reconnecting');
    // Only a server-side disconnect stops the automatic reconnection.
    if (reason === 'io server disconnect') options.onRefused?.(reason);
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    options.onStatus(everConnected ? 'reconnecting' : 'connecting');
    if (!socket.active) options.onRefused?.(err.message);
  });

  socket.on('order:updated', (order) => options.onOrder(order));

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
