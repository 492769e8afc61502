// How a simulated technician moves and changes status in one tick. Pure: state and dice in, state out.
import { haversineKm, moveToward } from '../../geo/distance';
import type { TechnicianStatus } from '../../dispatcher/fleet/status';
import type { LngLat } from '../events';
import type { Random } from '../demo/random';

export interface SimTech {
  id: string;
  home: LngLat;
  location: LngLat;
  status: TechnicianStatus;
  target: LngLat;
  /** Road speed in km/h for the current leg. */
  speedKmh: number;
  /** Simulated seconds left on the current job (busy) or pause. */
  waitS: number;
  /** The dispatched order this technician is working on, if any. */
  job?: string;
}

export interface Step {
  location: LngLat | null;
  status: TechnicianStatus | null;
}

// Mean simulated minutes between status changes, per status.
const MEAN_MINUTES: Record<TechnicianStatus, number> = { idle: 90, en_route: 0, busy: 45, offline: 240 };

function newLeg(t: SimTech, random: Random, radiusKm: number, speed: [number, number]): void {
  t.target = random.near(t.home, radiusKm);
  t.speedKmh = random.int(speed[0], speed[1]);
}

/** Advance one technician by `dtS` simulated seconds. Returns what changed, for the service layer. */
export function step(t: SimTech, dtS: number, random: Random): Step {
  const result: Step = { location: null, status: null };
  const leave = (status: TechnicianStatus) => random.next() < dtS / (MEAN_MINUTES[status] * 60);

  if (t.status === 'offline') {
    if (leave('offline')) result.status = 'idle';
  } else if (t.status === 'busy') {
    t.waitS -= dtS;
    if (t.waitS <= 0) {
      result.status = 'idle';
      newLeg(t, random, 15, [20, 40]);
    }
  } else {
    if (t.status === 'idle' && !t.job && leave('idle')) {
      // Most idle technicians get a job; a few sign off.
      result.status = random.next() < 0.8 ? 'en_route' : 'offline';
      if (result.status === 'en_route') newLeg(t, random, 25, [35, 60]);
      return result;
    }
    const km = (t.speedKmh * dtS) / 3600;
    const next = moveToward(t.location, t.target, km);
    if (haversineKm(next, t.target) < 0.01) {
      if (t.status === 'en_route') {
        result.status = 'busy';
        t.waitS = random.int(20, 90) * 60;
      } else newLeg(t, random, 15, [20, 40]);
    }
    t.location = next;
    result.location = next;
  }
  return result;
}
