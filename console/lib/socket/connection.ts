// The lifecycle every console socket shares: open with the session cookie, report the connection status,
// tell the caller when the server refused or dropped it for good, and retry or close on request. Every
// socket is in its user's own room, so each hears that user's notifications; the wall and the phone add
// their own event handlers on `socket`.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, NotificationView, ServerToClientEvents } from '$realtime/events';
import type { ConnectionStatus } from '$lib/wall/wall-state.svelte';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionOptions {
  /** Server URL; the page's own origin when omitted. */
  url?: string;
  onStatus: (status: ConnectionStatus) => void;
  /** Every (re)connect, after the first too: what was missed while away is re-read. */
  onConnected?: () => void;
  /**
   * The server refused the connection or dropped it on purpose (for instance the session ended) and
   * Socket.IO will not retry by itself. The caller decides: go to /login, or call `retry()`.
   */
  onRefused?: (reason: string) => void;
  /** `notification:created`: a new entry in the signed-in user's notification centre. */
  onNotification?: (notification: NotificationView) => void;
}

export interface Connection {
  readonly socket: ConsoleSocket;
  /** Connects again after `onRefused`. */
  retry(): void;
  close(): void;
}

export function openConnection(options: ConnectionOptions): Connection {
  const socketOptions = { withCredentials: true, transports: ['websocket'] };
  const socket: ConsoleSocket = options.url ? io(options.url, socketOptions) : io(socketOptions);
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

  socket.on('notification:created', (notification) => options.onNotification?.(notification));

  socket.on('connect_error', (err) => {
    if (closed) return;
    options.onStatus(everConnected ? 'reconnecting' : 'connecting');
    if (!socket.active) options.onRefused?.(err.message);
  });

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
