// Socket.IO: the session authenticates the handshake, the server chooses the rooms, payloads are checked.
import type { Server, Socket } from 'socket.io';
import { permittedRegions, roomsFor, sessionRoom } from '../auth/scope';
import type { Session, SessionService } from '../auth/sessions';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
  TechFrame
} from '../events';
import { zodFields } from '../http/errors';
import { sessionToken } from '../http/middleware';
import { LngLatSchema } from '../schemas/common';
import { toPosition, type Fleet } from '../services/fleet';
import type { StatsService } from '../services/stats';
import type { Clock } from '../../dispatcher/clock';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketDeps {
  sessions: SessionService;
  fleet: Fleet;
  stats: StatsService;
  clock: Clock;
  allRegionIds: readonly string[];
}

export const socketRegions = (data: SocketData): string[] => data.regionIds;

function fullFrame(deps: SocketDeps, regionIds: readonly string[]): TechFrame {
  return {
    at: deps.clock.now().toISOString(),
    full: true,
    positions: deps.fleet.inRegions(regionIds).map(toPosition)
  };
}

export function attachSockets(io: IoServer, deps: SocketDeps): void {
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown };
    const token =
      typeof auth.token === 'string'
        ? auth.token
        : sessionToken(socket.handshake.headers.cookie ?? undefined);
    deps.sessions.resolve(token).then(
      (session: Session | null) => {
        if (!session) return next(new Error('unauthenticated'));
        const { user } = session;
        socket.data = {
          userId: user.id,
          sessionId: session.id,
          expiresAt: session.expiresAt.getTime(),
          role: user.role,
          regionIds: permittedRegions(user, deps.allRegionIds),
          technicianId: user.technicianId
        };
        // The session room lets a logout anywhere close this socket, on any instance.
        void socket.join([...roomsFor(user, deps.allRegionIds), sessionRoom(session.id)]);
        next();
      },
      () => next(new Error('unavailable'))
    );
  });

  io.on('connection', (socket: IoSocket) => {
    const regions = socketRegions(socket.data);
    socket.emit('tech:frame', fullFrame(deps, regions));
    socket.emit('stats:update', deps.stats.for(regions));

    socket.on('wall:snapshot', (reply) => {
      if (typeof reply !== 'function') return;
      reply({ data: { frame: fullFrame(deps, regions), stats: deps.stats.for(regions) } });
    });

    socket.on('tech:position', (payload, reply) => {
      if (typeof reply !== 'function') return;
      const technicianId = socket.data.technicianId;
      if (!technicianId)
        return reply({ error: { code: 'forbidden', message: 'only a technician reports a position' } });
      const parsed = LngLatSchema.safeParse(payload);
      if (!parsed.success)
        return reply({
          error: { code: 'validation_failed', message: 'invalid position', fields: zodFields(parsed.error) }
        });
      deps.fleet.report(technicianId, parsed.data);
      reply({ data: { accepted: true } });
    });
  });
}
