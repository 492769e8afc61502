// Point → region lookup, the hot path of dispatch and of every position frame.
//
// Two structures: a flatbush R-tree of each region's edges, and a uniform grid over the regions' box.
// A grid cell that no edge crosses is "pure": its answer (a region or outside) was fixed at build time.
// A cell that edges cross keeps the regions whose edges cross it; a lookup there casts a ray through that
// region's tree only, so it reads the few edges the ray meets instead of the whole polygon.
//
// Border rule: a point exactly on a shared border belongs to both polygons (boundary-inclusive, as in
// turf.booleanPointInPolygon); it resolves to the region that comes first in REGIONS order. Regions whose id
// is not in REGIONS come after those, in input order. bruteForceLookup applies the same rule.
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { REGIONS } from './cities';
import { regionPolygons } from './regions';

export type RegionPolygon = Feature<Polygon | MultiPolygon, { id: string }>;

export interface RegionIndexOptions {
  /** Grid cell size in degrees. Smaller cells are purer and faster to query, but slower to build. */
  cellDeg?: number;
}

export interface RegionIndexStats {
  regions: number;
  edges: number;
  cells: number;
  pureCells: number;
  /** Bytes held in typed arrays and trees (the polygons themselves are shared with the caller). */
  bytes: number;
}

/** Cells are widened by this much (degrees) when testing which edges cross them, against rounding. */
const CELL_EPS = 1e-9;
/** Error bound of the floating-point orientation test, as in robust-predicates' orient2d. */
const ORIENT_ERRBOUND = (3 + 16 * 1.1102230246251565e-16) * 1.1102230246251565e-16;

const rankOf = (id: string): number => {
  const i = REGIONS.findIndex((r) => r.id === id);
  return i < 0 ? REGIONS.length : i;
};

/** The polygons in tie-break order (Array.prototype.sort is stable, so unknown ids keep input order). */
export function inRegionOrder<T extends RegionPolygon>(polygons: readonly T[]): T[] {
  return [...polygons].sort((a, b) => rankOf(a.properties.id) - rankOf(b.properties.id));
}

const orderedCache = new WeakMap<readonly RegionPolygon[], RegionPolygon[]>();

/** Reference lookup: every polygon in tie-break order through turf.booleanPointInPolygon. */
export function bruteForceLookup(
  polygons: readonly RegionPolygon[],
  lng: number,
  lat: number
): string | null {
  let ordered = orderedCache.get(polygons);
  if (!ordered) {
    ordered = inRegionOrder(polygons);
    orderedCache.set(polygons, ordered);
  }
  for (const p of ordered) if (booleanPointInPolygon([lng, lat], p)) return p.properties.id;
  return null;
}

interface RegionEdges {
  feature: RegionPolygon;
  tree: Flatbush;
  /** x1, y1, x2, y2 per edge, in the order the tree numbers them. */
  coords: Float64Array;
  /** Polygon (part of the MultiPolygon) of each edge: parity is counted per part, as turf does. */
  part: Uint32Array;
  odd: Uint8Array;
}

function indexEdges(feature: RegionPolygon): RegionEdges {
  const g = feature.geometry;
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let count = 0;
  for (const rings of parts) for (const ring of rings) count += Math.max(0, ring.length - 1);
  const tree = new Flatbush(Math.max(count, 1));
  const coords = new Float64Array(count * 4);
  const part = new Uint32Array(count);
  let e = 0;
  parts.forEach((rings, p) => {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1 = NaN, y1 = NaN] = ring[i] ?? [];
        const [x2 = NaN, y2 = NaN] = ring[i + 1] ?? [];
        coords.set([x1, y1, x2, y2], e * 4);
        part[e++] = p;
        tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
      }
    }
  });
  // Flatbush needs at least one item; an empty region gets a box that no query reaches.
  if (count === 0) tree.add(Infinity, Infinity, Infinity, Infinity);
  tree.finish();
  return { feature, tree, coords, part, odd: new Uint8Array(parts.length) };
}

/** Whether segment (x1,y1)-(x2,y2) meets the closed box (Liang–Barsky clipping). */
function segmentMeetsBox(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number
): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [x1 - minX, maxX - x1, y1 - minY, maxY - y1];
  for (let k = 0; k < 4; k++) {
    const pk = p[k] ?? 0;
    const qk = q[k] ?? 0;
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const t = qk / pk;
      if (pk < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

export class RegionIndex {
  readonly stats: RegionIndexStats;
  private readonly ids: string[];
  private readonly regions: RegionEdges[];
  private readonly minX: number;
  private readonly minY: number;
  private readonly maxX: number;
  private readonly maxY: number;
  private readonly cellDeg: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Candidates of cell c are cellRegions[cellStart[c] .. cellStart[c + 1]), in tie-break order. */
  private readonly cellStart: Uint32Array;
  private readonly cellRegions: Uint8Array;
  /** Region that holds the whole cell when no candidate matches, or -1 for outside. */
  private readonly cellFallback: Int8Array;

  // State of the ray cast in progress, read by visitEdge (a flatbush filter callback, so no allocation).
  private ray: RegionEdges | undefined;
  private rayX = 0;
  private rayY = 0;
  private onBoundary = false;
  private uncertain = false;

  constructor(polygons: readonly RegionPolygon[], options: RegionIndexOptions = {}) {
    const ordered = inRegionOrder(polygons);
    if (ordered.length > 127) throw new Error('RegionIndex holds at most 127 regions');
    this.ids = ordered.map((p) => p.properties.id);
    this.regions = ordered.map(indexEdges);
    this.cellDeg = options.cellDeg ?? 0.25;
    if (!(this.cellDeg > 0)) throw new Error('cellDeg must be a positive number of degrees');
    this.minX = Math.min(...this.regions.map((r) => r.tree.minX));
    this.minY = Math.min(...this.regions.map((r) => r.tree.minY));
    this.maxX = Math.max(...this.regions.map((r) => r.tree.maxX));
    this.maxY = Math.max(...this.regions.map((r) => r.tree.maxY));
    const empty = !(this.maxX >= this.minX && this.maxY >= this.minY);
    this.cols = empty ? 0 : Math.max(1, Math.ceil((this.maxX - this.minX) / this.cellDeg));
    this.rows = empty ? 0 : Math.max(1, Math.ceil((this.maxY - this.minY) / this.cellDeg));

    const cells = this.cols * this.rows;
    this.cellStart = new Uint32Array(cells + 1);
    this.cellFallback = new Int8Array(cells);
    const candidates: number[] = [];
    let pureCells = 0;
    const count = this.regions.length;
    // Containment of a region is constant along a run of cells in a row that its edges do not cross, so
    // it is ray-cast once per run (-1 = not known yet) rather than once per cell.
    const inside = new Int8Array(count);
    for (let row = 0; row < this.rows; row++) {
      inside.fill(-1);
      const y0 = this.minY + row * this.cellDeg - CELL_EPS;
      const y1 = this.minY + (row + 1) * this.cellDeg + CELL_EPS;
      for (let col = 0; col < this.cols; col++) {
        const cell = row * this.cols + col;
        const x0 = this.minX + col * this.cellDeg - CELL_EPS;
        const x1 = this.minX + (col + 1) * this.cellDeg + CELL_EPS;
        const crossed = this.regions.map((r) =>
          r.tree.collides(x0, y0, x1, y1, (i) =>
            segmentMeetsBox(
              r.coords[4 * i] ?? NaN,
              r.coords[4 * i + 1] ?? NaN,
              r.coords[4 * i + 2] ?? NaN,
              r.coords[4 * i + 3] ?? NaN,
              x0,
              y0,
              x1,
              y1
            )
          )
        );
        let fallback = -1;
        for (let r = 0; r < count; r++) {
          if (crossed[r]) {
            inside[r] = -1;
            continue;
          }
          if (fallback >= 0) continue;
          if (inside[r] === -1) inside[r] = this.contains(r, (x0 + x1) / 2, (y0 + y1) / 2) ? 1 : 0;
          if (inside[r] === 1) fallback = r;
        }
        const before = candidates.length;
        for (let r = 0; r < (fallback < 0 ? count : fallback); r++) if (crossed[r]) candidates.push(r);
        if (candidates.length === before) pureCells++;
        this.cellFallback[cell] = fallback;
        this.cellStart[cell + 1] = candidates.length;
      }
    }
    this.cellRegions = Uint8Array.from(candidates);
    this.stats = {
      regions: count,
      edges: this.regions.reduce((n, r) => n + r.part.length, 0),
      cells,
      pureCells,
      bytes:
        this.cellStart.byteLength +
        this.cellRegions.byteLength +
        this.cellFallback.byteLength +
        this.regions.reduce((n, r) => n + r.tree.data.byteLength + r.coords.byteLength + r.part.byteLength, 0)
    };
  }

  /** The id of the region containing the point, or null outside every region (sea, other countries). */
  lookup(lng: number, lat: number): string | null {
    // Written so that NaN falls out as "outside".
    if (!(lng >= this.minX && lng <= this.maxX && lat >= this.minY && lat <= this.maxY)) return null;
    const col = Math.min(this.cols - 1, Math.floor((lng - this.minX) / this.cellDeg));
    const row = Math.min(this.rows - 1, Math.floor((lat - this.minY) / this.cellDeg));
    const cell = row * this.cols + col;
    const end = this.cellStart[cell + 1] ?? 0;
    for (let k = this.cellStart[cell] ?? 0; k < end; k++) {
      const r = this.cellRegions[k] ?? 0;
      if (this.contains(r, lng, lat)) return this.ids[r] ?? null;
    }
    const fallback = this.cellFallback[cell] ?? -1;
    return fallback < 0 ? null : (this.ids[fallback] ?? null);
  }

  /**
   * turf.booleanPointInPolygon (point-in-polygon-hao, boundary inclusive) restricted to the edges that a
   * leftward ray from the point can meet, which are the only ones that algorithm counts. When the
   * floating-point orientation is too close to zero to trust, turf itself decides, so the answer is always
   * the same as turf's.
   */
  private contains(r: number, x: number, y: number): boolean {
    const region = this.regions[r];
    if (!region) return false;
    this.ray = region;
    this.rayX = x;
    this.rayY = y;
    this.onBoundary = false;
    this.uncertain = false;
    region.odd.fill(0);
    region.tree.search(region.tree.minX, y, x, y, this.visitEdge);
    if (this.uncertain) return booleanPointInPolygon([x, y], region.feature);
    return this.onBoundary || region.odd.includes(1);
  }

  private readonly visitEdge = (i: number): boolean => {
    const region = this.ray;
    if (!region) return false;
    const c = region.coords;
    const u1 = (c[4 * i] ?? NaN) - this.rayX;
    const v1 = (c[4 * i + 1] ?? NaN) - this.rayY;
    const u2 = (c[4 * i + 2] ?? NaN) - this.rayX;
    const v2 = (c[4 * i + 3] ?? NaN) - this.rayY;
    if (v1 === 0 && v2 === 0) {
      if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) this.onBoundary = true;
    } else if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
      const left = u2 * v1;
      const right = u1 * v2;
      const det = left - right;
      if (Math.abs(det) < ORIENT_ERRBOUND * Math.abs(left + right)) this.uncertain = true;
      else if (det === 0) this.onBoundary = true;
      else if ((det > 0 && v2 > 0 && v1 <= 0) || (det < 0 && v2 <= 0 && v1 > 0)) {
        const p = region.part[i] ?? 0;
        region.odd[p] = (region.odd[p] ?? 0) ^ 1;
      }
    }
    return false;
  };
}

let cached: RegionIndex | undefined;

/** The index over the bundled regions, built once. */
export function regionIndex(): RegionIndex {
  cached ??= new RegionIndex(regionPolygons());
  return cached;
}
