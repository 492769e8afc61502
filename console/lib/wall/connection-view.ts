// What the wall's connection indicator says. A wall screen hangs far from anyone who could open the
// developer tools: it says in a word (and a symbol, not only a colour) whether the numbers are live, and
// how long they have not been.

import type { ConnectionStatus } from './wall-state.svelte';

export type ConnectionLook = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Past this the drop is no blip: the server or the network is down (the socket keeps retrying). */
export const OFFLINE_AFTER_MS = 10_000;

export const CONNECTION_SYMBOLS: Record<ConnectionLook, string> = {
  connecting: '…',
  live: '●',
  reconnecting: '↻',
  offline: '✕'
};

export interface ConnectionView {
  look: ConnectionLook;
  /** Time since the connection dropped; null while live or before the first connect. */
  downMs: number | null;
}

export function connectionView(
  status: ConnectionStatus,
  droppedAt: number | null,
  now: number,
  browserOnline = true
): ConnectionView {
  const downMs = droppedAt === null ? null : Math.max(0, now - droppedAt);
  if (status === 'connected') return { look: 'live', downMs: null };
  if (!browserOnline || (downMs !== null && downMs >= OFFLINE_AFTER_MS)) return { look: 'offline', downMs };
  return { look: status === 'connecting' ? 'connecting' : 'reconnecting', downMs };
}
