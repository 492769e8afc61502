// The technicians as auto-dispatch reads them many times over: a k-d tree of their positions and their
// rule and score facts packed in typed arrays, so that the loops over hundreds of candidates per decision
// read numbers, not objects scattered over the heap.
import type { LngLat } from '../../geo/distance';
import { TechnicianIndex } from '../../geo/technician-index';
import { hasDeclined } from './rules';
import { normalizeRating, normalizeWorkload } from './score';
import type { CandidateTechnician, DispatchOrder, RegionPolicy } from './types';

/** Which of a fixed vocabulary each technician has, as bits: a skills check becomes a few integer ANDs. */
class Bitsets {
  readonly #codes = new Map<string, number>();
  readonly #words: number;
  readonly #bits: Uint32Array;

  constructor(lists: readonly (readonly string[])[]) {
    for (const list of lists)
      for (const item of list) if (!this.#codes.has(item)) this.#codes.set(item, this.#codes.size);
    this.#words = Math.max(1, Math.ceil(this.#codes.size / 32));
    this.#bits = new Uint32Array(lists.length * this.#words);
    lists.forEach((list, i) => {
      for (const item of list) {
        const code = this.#codes.get(item) ?? 0;
        const at = i * this.#words + (code >>> 5);
        this.#bits[at] = (this.#bits[at] ?? 0) | (1 << (code & 31));
      }
    });
  }

  /** The bits of `required`, or null when nobody has one of them. */
  mask(required: readonly string[]): Uint32Array | null {
    const mask = new Uint32Array(this.#words);
    for (const item of required) {
      const code = this.#codes.get(item);
      if (code === undefined) return null;
      mask[code >>> 5] = (mask[code >>> 5] ?? 0) | (1 << (code & 31));
    }
    return mask;
  }

  hasAll(i: number, mask: Uint32Array): boolean {
    const base = i * this.#words;
    for (let w = 0; w < mask.length; w++) {
      const m = mask[w] ?? 0;
      if (((this.#bits[base + w] ?? 0) & m) !== m) return false;
    }
    return true;
  }
}

/**
 * What ranking reads of each technician, one typed array per field: reading a technician object, its
 * location and their number fields is a chain of cache misses when hundreds are read per decision.
 */
export class TechnicianColumns {
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  /** normalizeWorkload and normalizeRating of each: they depend on no order and no policy. */
  readonly workload: Float64Array;
  readonly rating: Float64Array;
  readonly earnedFen: Float64Array;
  /** A number per region id (see `regionCode`). */
  readonly region: Int32Array;
  readonly #regions = new Map<string, number>();

  constructor(technicians: readonly CandidateTechnician[]) {
    const n = technicians.length;
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.workload = new Float64Array(n);
    this.rating = new Float64Array(n);
    this.earnedFen = new Float64Array(n);
    this.region = new Int32Array(n);
    technicians.forEach((t, i) => {
      this.lng[i] = t.location.lng;
      this.lat[i] = t.location.lat;
      this.workload[i] = normalizeWorkload(t.openOrders, t.capacity);
      this.rating[i] = normalizeRating(t.rating);
      this.earnedFen[i] = t.earnedThisMonthFen;
      if (!this.#regions.has(t.regionId)) this.#regions.set(t.regionId, this.#regions.size);
      this.region[i] = this.#regions.get(t.regionId) ?? -1;
    });
  }

  /** Where technician `i` is: a new object with the same numbers as its `location`. */
  location(i: number): LngLat {
    return { lng: this.lng[i] ?? NaN, lat: this.lat[i] ?? NaN };
  }

  /** The number of a region id in `region`; -1 when no technician is in that region. */
  regionCode(regionId: string): number {
    return this.#regions.get(regionId) ?? -1;
  }
}

/** The rules that do not depend on the order: online, on shift and below capacity. */
const isAvailable = (t: CandidateTechnician): boolean =>
  t.status !== 'offline' && t.onShift && t.openOrders < t.capacity;

/**
 * A snapshot of the technicians with a k-d tree of their positions and their rule-relevant facts packed in
 * typed arrays. Build one per position frame and pass it to `decide` instead of the plain list: the
 * decisions are the same, only faster, because technicians who cannot take the order cost no distance.
 * Positions, status and skills are static: when they change, build a new one (a few ms for 10,000
 * technicians; see test/bench/RESULTS.md). An assignment only adds load: `addOpenOrder`.
 */
export class CandidatePool {
  readonly #candidates: CandidateTechnician[];
  readonly index: TechnicianIndex;
  readonly columns: TechnicianColumns;
  /** isAvailable of each. */
  readonly #available: Uint8Array;
  #numbers: Map<string, number> | undefined;
  readonly #skills: Bitsets;
  readonly #certifications: Bitsets;
  /** A second tree over the available technicians only, and each one's number in `candidates`. */
  readonly #ready: TechnicianIndex;
  readonly #readyAt: Int32Array;

  constructor(candidates: readonly CandidateTechnician[]) {
    this.#candidates = [...candidates];
    this.index = new TechnicianIndex(this.#candidates);
    this.columns = new TechnicianColumns(this.#candidates);
    this.#available = Uint8Array.from(this.#candidates, (t) => (isAvailable(t) ? 1 : 0));
    this.#skills = new Bitsets(this.#candidates.map((t) => t.skills));
    this.#certifications = new Bitsets(this.#candidates.map((t) => t.certifications));
    const ready = this.#candidates.flatMap((t, i) => (this.#available[i] === 1 ? [i] : []));
    this.#readyAt = Int32Array.from(ready);
    this.#ready = new TechnicianIndex(ready.map((i) => this.#candidates[i] as CandidateTechnician));
  }

  get candidates(): readonly CandidateTechnician[] {
    return this.#candidates;
  }

  /**
   * One more open order for technician `id`, as after an assignment, in microseconds instead of a new pool:
   * the pool then decides exactly as one built with that load. The pool keeps a changed copy; the object
   * passed in is left alone. False for an unknown id.
   */
  addOpenOrder(id: string): boolean {
    this.#numbers ??= new Map(this.#candidates.map((t, i) => [t.id, i]));
    const i = this.#numbers.get(id);
    const before = i === undefined ? undefined : this.#candidates[i];
    if (i === undefined || before === undefined) return false;
    const after = { ...before, openOrders: before.openOrders + 1 };
    this.#candidates[i] = after;
    this.columns.workload[i] = normalizeWorkload(after.openOrders, after.capacity);
    // Load only grows here, so the ready tree still holds everyone available: the flag drops the others.
    this.#available[i] = isAvailable(after) ? 1 : 0;
    return true;
  }

  /**
   * Calls `visit(i, atLeastKm)` for every candidate within the radius who passes every hard rule, with its
   * number in `candidates` and a lower bound of its distance (see
   * `TechnicianIndex.forEachWithinLowerBound`), in no particular order; false (without calling) when nobody
   * can pass (a skill or certification nobody has).
   */
  forEachEligible(
    order: DispatchOrder,
    policy: RegionPolicy,
    visit: (i: number, atLeastKm: number) => void
  ): boolean {
    const accept = this.eligibility(order, policy);
    if (accept === null) return false;
    const at = this.#readyAt;
    this.#ready.forEachWithinLowerBound(
      order.location,
      policy.maxRadiusKm,
      (j, km) => visit(at[j] ?? -1, km),
      (j) => accept(at[j] ?? -1)
    );
    return true;
  }

  /**
   * A test of candidate number `i` against every hard rule but the radius, the same as `isEligible`;
   * null when nobody can pass it (a required skill or certification no technician has).
   */
  eligibility(order: DispatchOrder, policy: RegionPolicy): ((i: number) => boolean) | null {
    const skills = this.#skills.mask(order.requiredSkills);
    const certifications = this.#certifications.mask(order.requiredCertifications);
    if (skills === null || certifications === null) return null;
    const anyRegion = policy.allowCrossRegion;
    // -1 when nobody is in the order's region: it then matches nobody.
    const own = this.columns.regionCode(order.regionId);
    const available = this.#available;
    const regions = this.columns.region;
    const all = this.candidates;
    const declines = (order.declinedBy?.length ?? 0) > 0;
    return (i) =>
      available[i] === 1 &&
      (anyRegion || regions[i] === own) &&
      this.#skills.hasAll(i, skills) &&
      this.#certifications.hasAll(i, certifications) &&
      !(declines && hasDeclined(order, all[i] as CandidateTechnician));
  }
}
