// Technicians near a point: a kdbush k-d tree over lng/lat, queried with a bounding box that is wide enough
// for the radius at that latitude, then filtered by the exact great-circle distance. The answers are those
// of `bruteForceWithin` (the same `haversineKm`, the same `<=`), only faster.
import KDBush from 'kdbush';
import { haversineKm, type LngLat } from './distance';

export interface TechnicianPoint {
  id: string;
  location: LngLat;
}

/** Must match the radius in distance.ts: the box is derived from the same sphere the filter measures on. */
const EARTH_RADIUS_KM = 6371.0088;
const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;
/** Widens the box by a hair so that rounding in the trigonometry can never drop a point on the circle. */
const BOX_MARGIN_DEG = 1e-9;
/** Relative and absolute (radians, km) slack of the chord test: far above its rounding, far below a metre. */
const CHORD_MARGIN = 1e-9;

/**
 * kdbush is static: every `rebuild` writes a new tree over all points in one go, O(n log n): about 3 ms
 * for 10,000 points on the idle dev machine, up to 8 ms under load (test/bench/RESULTS.md, "dispatch").
 * So the caller rebuilds once per position frame, not once per moved technician; queries between two
 * rebuilds see the positions of the last one.
 */
export class TechnicianIndex {
  #tree: KDBush | null = null;
  #ids: string[] = [];
  /** lng, lat of point i at 2i, 2i + 1, in rebuild order (kdbush reorders its own copy while sorting). */
  #xy = new Float64Array(0);
  /** The unit vector of point i at 3i..3i + 2: its chord to a centre bounds the distance without trigonometry. */
  #xyz = new Float64Array(0);

  constructor(points: readonly TechnicianPoint[] = []) {
    this.rebuild(points);
  }

  /**
   * Replaces every position at once. Point `i` keeps the number `i` in `forEachWithin`. Longitudes must be
   * within ±180 (a circle across the antimeridian is searched as two boxes).
   */
  rebuild(points: readonly TechnicianPoint[]): void {
    this.#ids = points.map((p) => p.id);
    const xy = new Float64Array(points.length * 2);
    points.forEach((p, i) => {
      xy[2 * i] = p.location.lng;
      xy[2 * i + 1] = p.location.lat;
    });
    this.#xy = xy;
    this.#xyz = new Float64Array(points.length * 3);
    points.forEach((p, i) => this.#xyz.set(unitVector(p.location), 3 * i));
    if (points.length === 0) {
      this.#tree = null;
      return;
    }
    const tree = new KDBush(points.length);
    for (const p of points) tree.add(p.location.lng, p.location.lat);
    this.#tree = tree.finish();
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The id of point number `i` of the last rebuild. */
  idAt(i: number): string | undefined {
    return this.#ids[i];
  }

  /**
   * Calls `visit(i, km)` for every point within `radiusKm` of `center` (great circle, inclusive), with its
   * number in the last rebuild and its exact distance, in no particular order. `accept(i)`, when given, is
   * asked first, so that points it refuses cost no distance.
   */
  forEachWithin(
    center: LngLat,
    radiusKm: number,
    visit: (i: number, km: number) => void,
    accept?: (i: number) => boolean
  ): void {
    const cosCenter = Math.cos(center.lat * RAD);
    for (const i of this.#inBoxes(center, radiusKm)) {
      if (accept !== undefined && !accept(i)) continue;
      const km = this.#measure(center, cosCenter, i);
      if (km <= radiusKm) visit(i, km);
    }
  }

  /** The points in the search boxes of the circle: a superset of the points within it. */
  #inBoxes(center: LngLat, radiusKm: number): number[] {
    const tree = this.#tree;
    if (tree === null || !(radiusKm >= 0)) return [];
    const boxes = searchBoxes(center, radiusKm).map(([west, south, east, north]) =>
      tree.range(west, south, east, north)
    );
    return boxes.length === 1 ? (boxes[0] ?? []) : boxes.flat();
  }

  /**
   * haversineKm(center, point i), spelled out with the centre's cosine computed once: the same operations in
   * the same order, so the same bits (the tests compare against bruteForceWithin, which calls it).
   */
  #measure(center: LngLat, cosCenter: number, i: number): number {
    const xy = this.#xy;
    const lng = xy[2 * i] ?? NaN;
    const lat = xy[2 * i + 1] ?? NaN;
    const dLat = (lat - center.lat) * RAD;
    const dLng = (lng - center.lng) * RAD;
    const h = Math.sin(dLat / 2) ** 2 + cosCenter * Math.cos(lat * RAD) * Math.sin(dLng / 2) ** 2;
    return EARTH_RADIUS_KM * (2 * Math.asin(Math.min(1, Math.sqrt(h))));
  }

  /**
   * `forEachWithin` (the same points) for callers who need the exact distance of only a few of them: `visit`
   * gets a lower bound of it, within a few metres, from the chord between unit vectors, which costs no
   * trigonometry. Only a point within a micrometre of the circle is measured exactly, to decide that it is
   * in. Exact distances: `haversineKm(center, location)`.
   */
  forEachWithinLowerBound(
    center: LngLat,
    radiusKm: number,
    visit: (i: number, atLeastKm: number) => void,
    accept?: (i: number) => boolean
  ): void {
    const angle = radiusKm / EARTH_RADIUS_KM;
    // Beyond about half the globe the chord no longer grows with the distance: measure everything.
    if (this.#tree === null || !(angle >= 0 && angle < 3)) {
      this.forEachWithin(center, radiusKm, visit, accept);
      return;
    }
    // Points whose chord is clearly shorter or longer than the radius's are in or out whatever the rounding
    // (about 1e-15 here); those in between are measured as forEachWithin does.
    const chord = 2 * Math.sin(angle / 2);
    const inner = chord * (1 - CHORD_MARGIN) - CHORD_MARGIN;
    const outer = chord * (1 + CHORD_MARGIN) + CHORD_MARGIN;
    const surelyIn = inner > 0 ? inner * inner : -1;
    const surelyOut = outer * outer;
    const [cx, cy, cz] = unitVector(center);
    const cosCenter = Math.cos(center.lat * RAD);
    const xyz = this.#xyz;
    for (const i of this.#inBoxes(center, radiusKm)) {
      if (accept !== undefined && !accept(i)) continue;
      const dx = (xyz[3 * i] ?? NaN) - cx;
      const dy = (xyz[3 * i + 1] ?? NaN) - cy;
      const dz = (xyz[3 * i + 2] ?? NaN) - cz;
      const squared = dx * dx + dy * dy + dz * dz;
      if (squared > surelyOut) continue;
      if (squared < surelyIn) {
        // The arc is at least the chord: R · chord, less the margin, is below the measured distance.
        visit(i, EARTH_RADIUS_KM * Math.sqrt(squared) * (1 - CHORD_MARGIN) - CHORD_MARGIN);
        continue;
      }
      const km = this.#measure(center, cosCenter, i);
      if (km <= radiusKm) visit(i, km);
    }
  }

  /** Ids within `radiusKm` of `center`, in no particular order. */
  within(center: LngLat, radiusKm: number): string[] {
    const ids: string[] = [];
    this.forEachWithin(center, radiusKm, (i) => ids.push(this.#ids[i] ?? ''));
    return ids;
  }
}

function unitVector(p: LngLat): [number, number, number] {
  const lat = p.lat * RAD;
  const lng = p.lng * RAD;
  return [Math.cos(lat) * Math.cos(lng), Math.cos(lat) * Math.sin(lng), Math.sin(lat)];
}

/** The reference: every point, measured one by one. Ids in input order. */
export function bruteForceWithin(
  points: readonly TechnicianPoint[],
  center: LngLat,
  radiusKm: number
): string[] {
  return points.filter((p) => haversineKm(center, p.location) <= radiusKm).map((p) => p.id);
}

/**
 * Boxes [west, south, east, north] that contain every point within `radiusKm` of `center`. The latitude
 * band is ± the angular radius; the longitude half-width is the largest longitude difference a point of the
 * circle can have, asin(sin δ / cos φ) (it sits poleward of the centre's parallel, so δ / cos φ would be too
 * narrow). A circle over a pole takes every longitude; one across the antimeridian gives two boxes.
 */
export function searchBoxes(center: LngLat, radiusKm: number): [number, number, number, number][] {
  const delta = radiusKm / EARTH_RADIUS_KM;
  const dLat = delta * DEG + BOX_MARGIN_DEG;
  const south = center.lat - dLat;
  const north = center.lat + dLat;
  const cosLat = Math.cos(center.lat / DEG);
  if (south <= -90 || north >= 90 || Math.sin(delta) >= cosLat || delta >= Math.PI / 2) {
    return [[-180, Math.max(-90, south), 180, Math.min(90, north)]];
  }
  const dLng = Math.asin(Math.sin(delta) / cosLat) * DEG + BOX_MARGIN_DEG;
  const west = center.lng - dLng;
  const east = center.lng + dLng;
  if (west < -180)
    return [
      [west + 360, south, 180, north],
      [-180, south, east, north]
    ];
  if (east > 180)
    return [
      [west, south, 180, north],
      [-180, south, east - 360, north]
    ];
  return [[west, south, east, north]];
}

/**
 * False when `point` lies outside every box of `searchBoxes(center, radiusKm)`, hence farther than the
 * radius: a cheap test before measuring. A longitude beyond ±180 (which the boxes do not cover) is never
 * ruled out.
 */
export function mayBeWithin(boxes: readonly [number, number, number, number][], point: LngLat): boolean {
  if (!(Math.abs(point.lng) <= 180)) return true;
  for (const [west, south, east, north] of boxes) {
    if (point.lng >= west && point.lng <= east && point.lat >= south && point.lat <= north) return true;
  }
  return false;
}
