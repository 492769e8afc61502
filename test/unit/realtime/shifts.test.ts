import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../dispatcher/fleet/shift';
import type { TechnicianStatus } from '../../../dispatcher/fleet/status';
import type { SimTech } from '../../../realtime/simulator/motion';
import { ShiftKeeper } from '../../../realtime/simulator/shifts';

const shanghai = { lng: 121.47, lat: 31.23 };
const DAY_SHIFT: Shift = { startMin: 8 * 60, endMin: 20 * 60 };

/** A fleet of one, recording each status change the way the wall would see it. */
function world(shift: Shift | null, status: TechnicianStatus) {
  let now = new Date('2026-11-23T12:00:00+08:00');
  const changes: string[] = [];
  const t: SimTech = {
    id: 'T1',
    home: shanghai,
    location: shanghai,
    status,
    target: shanghai,
    speedKmh: 30,
    waitS: 0
  };
  const fleet = {
    get: () => ({ shift }),
    setStatus: (_id: string, to: TechnicianStatus, _actor: string, reason: string) => {
      changes.push(`${to} (${reason})`);
      return Promise.resolve(true);
    }
  };
  const keeper = new ShiftKeeper(fleet, { now: () => now });
  return {
    t,
    changes,
    keeper,
    at: (hhmm: string, day = '2026-11-23') => (now = new Date(`${day}T${hhmm}:00+08:00`))
  };
}

describe('simulated technicians and their shifts', () => {
  it('signs an idle technician off when the shift ends and on when the next one starts', async () => {
    const w = world(DAY_SHIFT, 'idle');
    w.at('19:59');
    expect(await w.keeper.keep(w.t)).toBe(false);
    w.at('20:00');
    expect(await w.keeper.keep(w.t)).toBe(true);
    w.at('07:59', '2026-11-24');
    expect(await w.keeper.keep(w.t)).toBe(true);
    w.at('08:00', '2026-11-24');
    expect(await w.keeper.keep(w.t)).toBe(false);
    expect(w.changes).toEqual(['offline (shift ended)', 'idle (shift started)']);
    expect(w.t.status).toBe('idle');
  });

  it('lets a technician finish the job in hand after the shift ends, then signs them off', async () => {
    const w = world(DAY_SHIFT, 'busy');
    w.t.job = 'order-1';
    w.at('20:30');
    expect(await w.keeper.keep(w.t)).toBe(false);
    expect(w.changes).toEqual([]);
    // The job is done: the simulator sets them idle and lets the job go.
    w.t.status = 'idle';
    w.t.job = undefined;
    w.at('20:45');
    expect(await w.keeper.keep(w.t)).toBe(true);
    expect(w.changes).toEqual(['offline (shift ended)']);
  });

  it('does not pull back a technician who signed off in the middle of their shift', async () => {
    const w = world(DAY_SHIFT, 'idle');
    w.at('10:00');
    await w.keeper.keep(w.t);
    w.t.status = 'offline';
    w.at('11:00');
    expect(await w.keeper.keep(w.t)).toBe(false);
    expect(w.t.status).toBe('offline');
    expect(w.changes).toEqual([]);
  });

  it('leaves technicians without a shift to come and go as they like', async () => {
    const w = world(null, 'idle');
    for (const hhmm of ['03:00', '12:00', '23:00']) {
      w.at(hhmm);
      expect(await w.keeper.keep(w.t)).toBe(false);
    }
    expect(w.changes).toEqual([]);
  });
});
