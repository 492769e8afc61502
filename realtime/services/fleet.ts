// Live technician state. Positions change many times a second, so the truth for "where" lives here in
// memory, is framed to the sockets and stored in batches; a status change is stored at once, with its event.
import {
  appendEvents,
  listTechnicians,
  storeLocations,
  updateTechnicianStatus,
  type Database
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { shiftOf, type Shift } from '../../dispatcher/fleet/shift';
import { countByStatus, TECHNICIAN_STATUSES, type TechnicianStatus } from '../../dispatcher/fleet/status';
import type { TechnicianView } from '../contract';
import type { LngLat, TechPosition } from '../events';

export interface LiveTechnician extends Omit<TechnicianView, 'shift'> {
  cityId: string;
  certifications: string[];
  capacity: number;
  shift: Shift | null;
}

const asStatus = (s: string): TechnicianStatus =>
  (TECHNICIAN_STATUSES as readonly string[]).includes(s) ? (s as TechnicianStatus) : 'offline';

export const toPosition = (t: LiveTechnician): TechPosition => ({
  id: t.id,
  lng: t.location.lng,
  lat: t.location.lat,
  status: t.status,
  regionId: t.regionId
});

export class Fleet {
  readonly #byId = new Map<string, LiveTechnician>();
  readonly #framePending = new Set<string>();
  readonly #storePending = new Set<string>();
  readonly #onStatus: ((tech: LiveTechnician, before: TechnicianStatus) => void)[] = [];

  private constructor(
    private readonly db: Database,
    private readonly clock: Clock
  ) {}

  static async load(db: Database, clock: Clock): Promise<Fleet> {
    const fleet = new Fleet(db, clock);
    for (const row of await listTechnicians(db)) {
      fleet.#byId.set(row.id, {
        id: row.id,
        name: row.name,
        regionId: row.regionId,
        cityId: row.cityId,
        status: asStatus(row.status),
        skills: row.skills,
        certifications: row.certifications,
        rating: row.rating,
        capacity: row.capacity,
        shift: shiftOf(row.shiftStartMin, row.shiftEndMin),
        location: { lng: row.lng, lat: row.lat }
      });
    }
    return fleet;
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): LiveTechnician | undefined {
    return this.#byId.get(id);
  }

  inRegions(regionIds: readonly string[]): LiveTechnician[] {
    const wanted = new Set(regionIds);
    return [...this.#byId.values()].filter((t) => wanted.has(t.regionId));
  }

  /** A position report from a phone (or the simulator): kept in memory, framed soon, stored in a batch. */
  report(id: string, location: LngLat): boolean {
    const tech = this.#byId.get(id);
    if (!tech) return false;
    tech.location = { lng: location.lng, lat: location.lat };
    this.#framePending.add(id);
    this.#storePending.add(id);
    return true;
  }

  async setStatus(id: string, status: TechnicianStatus, actor: string, reason: string): Promise<boolean> {
    const tech = this.#byId.get(id);
    if (!tech) return false;
    if (tech.status === status) return true;
    const before = tech.status;
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      await updateTechnicianStatus(tx, id, status, at);
      await appendEvents(tx, [
        {
          type: 'technician.status_changed',
          aggregateType: 'technician',
          aggregateId: id,
          actor,
          payload: { before: { status: before }, after: { status }, reason }
        }
      ]);
    });
    tech.status = status;
    this.#framePending.add(id);
    for (const listener of this.#onStatus) listener(tech, before);
    return true;
  }

  /** Called after a status change is stored. */
  onStatusChange(listener: (tech: LiveTechnician, before: TechnicianStatus) => void): void {
    this.#onStatus.push(listener);
  }

  /** What changed since the last frame, and forget it. */
  takeFrameChanges(): TechPosition[] {
    const out: TechPosition[] = [];
    for (const id of this.#framePending) {
      const tech = this.#byId.get(id);
      if (tech) out.push(toPosition(tech));
    }
    this.#framePending.clear();
    return out;
  }

  async storePendingLocations(): Promise<number> {
    if (this.#storePending.size === 0) return 0;
    const rows = [...this.#storePending].flatMap((id) => {
      const t = this.#byId.get(id);
      return t ? [{ id, lng: t.location.lng, lat: t.location.lat }] : [];
    });
    this.#storePending.clear();
    try {
      await storeLocations(this.db, rows, this.clock.now());
    } catch (err) {
      // Keep them for the next batch rather than lose them.
      for (const r of rows) this.#storePending.add(r.id);
      throw err;
    }
    return rows.length;
  }

  counts(regionIds: readonly string[]): Record<TechnicianStatus, number> {
    return countByStatus(this.inRegions(regionIds).map((t) => t.status));
  }
}
