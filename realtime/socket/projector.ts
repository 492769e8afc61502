// Turns what changed into socket messages for the rooms allowed to see it. Positions are coalesced into
// frames: a technician who moved five times since the last frame is sent once, where it is now.
import { NATIONAL_ROOM, regionRoom, techRoom } from '../auth/scope';
import type { Bus } from '../bus';
import type { ServerToClientEvents, TechPosition } from '../events';
import type { SlaAlertKind } from '../sla/update';
import type { Fleet } from '../services/fleet';
import type { StatsService } from '../services/stats';
import type { Logger } from 'pino';
import type { Clock } from '../../dispatcher/clock';
import { RoomThrottle } from './room-throttle';
import { socketRegions, type IoServer } from './server';

export const FRAME_MS = 500;

const SLA_ALERT_EVENTS = {
  warning: 'sla:warning',
  breached: 'sla:breached',
  escalated: 'sla:escalated'
} as const satisfies Record<SlaAlertKind, keyof ServerToClientEvents>;
export const STATS_MS = 2000;
/** At most one `insights:profit_changed` per room this often. */
export const PROFIT_NOTICE_MS = 2000;

export interface Projector {
  /** Send what changed since the last frame now (the loop calls it every FRAME_MS). */
  flushFrame(): void;
  pushStats(): Promise<void>;
  stop(): void;
}

export interface ProjectorDeps {
  fleet: Fleet;
  stats: StatsService;
  bus: Bus;
  clock: Clock;
  log: Logger;
}

export function startProjector(io: IoServer, { fleet, stats, bus, clock, log }: ProjectorDeps): Projector {
  // National viewers get one frame per tick with everything; everyone else one per region they see.
  const flushFrame = () => {
    const changes = fleet.takeFrameChanges();
    if (changes.length === 0) return;
    const byRegion = new Map<string, TechPosition[]>();
    for (const p of changes) {
      const list = byRegion.get(p.regionId);
      if (list) list.push(p);
      else byRegion.set(p.regionId, [p]);
    }
    const at = clock.now().toISOString();
    io.to(NATIONAL_ROOM).emit('tech:frame', { at, full: false, positions: changes });
    for (const [regionId, positions] of byRegion) {
      io.to(regionRoom(regionId)).except(NATIONAL_ROOM).emit('tech:frame', { at, full: false, positions });
    }
  };

  // A session that ran out closes its sockets, as a logout does.
  const closeExpired = () => {
    const now = clock.now().getTime();
    for (const socket of io.of('/').sockets.values())
      if (socket.data.expiresAt <= now) socket.disconnect(true);
  };

  // Counts depend on each socket's own set of regions; sockets that share a set share one computation.
  const pushStats = async () => {
    closeExpired();
    await stats.refresh();
    const byScope = new Map<string, ReturnType<StatsService['for']>>();
    for (const socket of io.of('/').sockets.values()) {
      const regions = socketRegions(socket.data);
      if (regions.length === 0) continue;
      const key = regions.join(',');
      let s = byScope.get(key);
      if (!s) byScope.set(key, (s = stats.for(regions)));
      socket.emit('stats:update', s);
    }
  };

  const offCreated = bus.on('order:created', (order) => {
    stats.noteCreated(order.regionId);
    io.to(regionRoom(order.regionId)).emit('order:created', order);
  });
  const offUpdated = bus.on('order:updated', (order, formerTechnicianId) => {
    const rooms = [regionRoom(order.regionId)];
    for (const id of new Set([order.technicianId, formerTechnicianId])) if (id) rooms.push(techRoom(id));
    io.to(rooms).emit('order:updated', order);
  });
  const offDepotAlert = bus.on('depot:alert', (alert) =>
    io.to(regionRoom(alert.regionId)).emit('depot:alert', alert)
  );

  // The SLA board and its alerts go to the order's region; a national viewer is in every region room.
  const offSla = [
    bus.on('sla:updated', (row) => io.to(regionRoom(row.regionId)).emit('sla:updated', row)),
    bus.on('sla:removed', (removed) => io.to(regionRoom(removed.regionId)).emit('sla:removed', removed)),
    bus.on('sla:alert', (kind, alert) =>
      io.to(regionRoom(alert.regionId)).emit(SLA_ALERT_EVENTS[kind], alert)
    )
  ];

  // Earnings are the technician's own business: their phone hears them, the region's screens do not.
  const offSettlement = bus.on('settlement:updated', (settlement, formerTechnicianId) => {
    const rooms = [settlement.technicianId, formerTechnicianId].flatMap((id) => (id ? [techRoom(id)] : []));
    if (rooms.length > 0) io.to(rooms).emit('settlement:updated', settlement);
  });

  // Profit moved: national viewers hear every region, a region's room only its own (no figures travel:
  // the console refetches what the user may see). National sockets sit in every region room too.
  const profitNotices = new RoomThrottle(PROFIT_NOTICE_MS, (room, regionIds) => {
    const changed = { regionIds, at: clock.now().toISOString() };
    if (room === NATIONAL_ROOM) io.to(room).emit('insights:profit_changed', changed);
    else io.to(room).except(NATIONAL_ROOM).emit('insights:profit_changed', changed);
  });
  const offProfit = bus.on('insights:profit_changed', (regionId) => {
    profitNotices.note(NATIONAL_ROOM, regionId);
    profitNotices.note(regionRoom(regionId), regionId);
  });

  const frameTimer = setInterval(flushFrame, FRAME_MS);
  const statsTimer = setInterval(
    () => void pushStats().catch((err: unknown) => log.warn({ err }, 'stats push failed')),
    STATS_MS
  );
  return {
    flushFrame,
    pushStats,
    stop() {
      clearInterval(frameTimer);
      clearInterval(statsTimer);
      offCreated();
      offUpdated();
      offDepotAlert();
      offSla.forEach((off) => off());
      offSettlement();
      offProfit();
      profitNotices.stop();
    }
  };
}
