// Simulated technicians keep their shifts: they sign off when a shift ends (once the job in hand is done),
// stay at home until the next one, and sign on when it starts; through Fleet.setStatus, as a phone would.
import type { Clock } from '../../dispatcher/clock';
import { isOnShift, type Shift } from '../../dispatcher/fleet/shift';
import type { TechnicianStatus } from '../../dispatcher/fleet/status';
import type { Fleet } from '../services/fleet';
import type { SimTech } from './motion';

export class ShiftKeeper {
  /** On shift at the last look, per technician: signing on happens when a shift starts, not all through it,
   * so a technician who signs off mid-shift for a while is not pulled straight back. */
  readonly #wasOn = new Map<string, boolean>();

  constructor(
    private readonly fleet: {
      get(id: string): { shift: Shift | null } | undefined;
      setStatus: Fleet['setStatus'];
    },
    private readonly clock: Clock
  ) {}

  /** Signs `t` on or off as the shift says. True while they are off shift and at home: nothing to simulate. */
  async keep(t: SimTech): Promise<boolean> {
    const on = isOnShift(this.fleet.get(t.id)?.shift ?? null, this.clock.now());
    const was = this.#wasOn.get(t.id);
    this.#wasOn.set(t.id, on);
    if (on) {
      if (was === false && t.status === 'offline') await this.#set(t, 'idle', 'shift started');
      return false;
    }
    if (t.status === 'idle' && !t.job) await this.#set(t, 'offline', 'shift ended');
    return t.status === 'offline';
  }

  async #set(t: SimTech, status: TechnicianStatus, reason: string): Promise<void> {
    t.status = status;
    await this.fleet.setStatus(t.id, status, 'system:simulator', reason);
  }
}
