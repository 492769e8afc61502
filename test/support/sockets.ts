import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TechFrame } from '../../realtime/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connect(base: string, cookie?: string): TestSocket {
  return io(base, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true
  });
}

/** Resolves once connected, rejects with the server's reason when refused. */
export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Every frame a socket receives, in order. */
export function recordFrames(socket: TestSocket): TechFrame[] {
  const frames: TechFrame[] = [];
  socket.on('tech:frame', (f) => frames.push(f));
  return frames;
}

export async function until(check: () => boolean, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}
