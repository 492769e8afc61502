import type { Feature, Point } from 'geojson';
import type { TechPosition, TechStatus } from '$realtime/events';
import { techFeature, type TechFeatureProperties } from './features';

/** The part of maplibre's `GeoJSONSourceDiff` the technician layer uses. */
export interface TechDiff {
  removeAll?: true;
  remove: string[];
  add: Feature<Point, TechFeatureProperties>[];
}

interface Dot {
  lng: number;
  lat: number;
  status: TechStatus;
}

const placed = (p: TechPosition) => Number.isFinite(p.lng) && Number.isFinite(p.lat);

/**
 * The dots the map's technician source holds, and what to send it next: only the technicians who moved,
 * changed status, came or went. Handing maplibre all 10,000 features each time cost the wall's main
 * thread ~100 ms per update (maplibre copies every object for its worker) and re-cut every tile; a
 * diff costs what changed.
 */
export class TechDots {
  #sent = new Map<string, Dot>();
  #lost = false;

  get size(): number {
    return this.#sent.size;
  }

  /**
   * What turns the source into `positions`, assumed applied from now on; null when nothing changed.
   * Positions without finite coordinates are left off the map.
   */
  diff(positions: ReadonlyMap<string, TechPosition>): TechDiff | null {
    const removeAll = this.#lost;
    if (removeAll) this.#sent.clear();
    this.#lost = false;
    const remove: string[] = [];
    const add: TechDiff['add'] = [];
    for (const id of this.#sent.keys()) {
      const p = positions.get(id);
      if (!p || !placed(p)) {
        remove.push(id);
        this.#sent.delete(id);
      }
    }
    for (const p of positions.values()) {
      if (!placed(p)) continue;
      const dot = this.#sent.get(p.id);
      if (dot && dot.lng === p.lng && dot.lat === p.lat && dot.status === p.status) continue;
      this.#sent.set(p.id, { lng: p.lng, lat: p.lat, status: p.status });
      add.push(techFeature(p));
    }
    if (removeAll) return { removeAll, remove, add };
    return remove.length + add.length > 0 ? { remove, add } : null;
  }

  /** The last diff did not reach the source: the next one replaces everything. */
  lost(): void {
    this.#lost = true;
  }
}
