// Auto-dispatch: one order, the technicians, the region's policy and the depots in; one decision out.
//
// 1. Candidates farther than the policy's radius are counted under `radius` and not looked at further
//    (with a `CandidatePool` they are never even visited: its k-d tree finds the ones within the radius).
// 2. The others are checked against every hard rule (rules.ts); the eligible ones are ranked own region
//    first, then by score (score.ts), then by technician id, so the answer does not depend on the order the
//    candidates come in.
// 3. The best one is assigned or offered (policy.mode) with its parts plan (parts.ts); with nobody eligible
//    the answer counts the candidates per broken rule. `ranked` keeps the top N with their explanation;
//    when fewer than N are eligible, the nearest misses (fewest broken rules first) fill it for the
//    supervisor, who may override with a confirmation.
import { haversineKm } from '../../geo/distance';
import { TechnicianIndex } from '../../geo/technician-index';
import {
  detourFor,
  detourLowerBound,
  partsReadiness,
  planFor,
  preparePartsContext,
  type PartsContext
} from './parts';
import { hasDeclined, isCrossRegion, isEligible, violations } from './rules';
import { Scorer } from './score';
import {
  HARD_RULES,
  type CandidateTechnician,
  type DepotStock,
  type DispatchDecision,
  type DispatchOrder,
  type HardRule,
  type RankedCandidate,
  type RegionPolicy
} from './types';

export const DEFAULT_TOP_N = 10;

export interface DecideOptions {
  /** How many ranked candidates the decision keeps (default 10). */
  topN?: number;
}

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
 * A snapshot of the technicians with a k-d tree of their positions and their rule-relevant facts packed in
 * typed arrays. Build one per position frame and pass it to `decide` instead of the plain list: the
 * decisions are the same, only faster, because technicians who cannot take the order cost no distance.
 * The pool is static: when positions, status or workload change, build a new one (about 3–5 ms for
 * 10,000 technicians; see test/bench/RESULTS.md).
 */
export class CandidatePool {
  readonly candidates: readonly CandidateTechnician[];
  readonly index: TechnicianIndex;
  /** Online, on shift and below capacity: the rules that do not depend on the order. */
  readonly #available: Uint8Array;
  readonly #regions = new Map<string, number>();
  readonly #region: Int32Array;
  readonly #skills: Bitsets;
  readonly #certifications: Bitsets;
  /** A second tree over the available technicians only, and each one's number in `candidates`. */
  readonly #ready: TechnicianIndex;
  readonly #readyAt: Int32Array;

  constructor(candidates: readonly CandidateTechnician[]) {
    this.candidates = [...candidates];
    this.index = new TechnicianIndex(this.candidates);
    const n = this.candidates.length;
    this.#available = new Uint8Array(n);
    this.#region = new Int32Array(n);
    this.candidates.forEach((t, i) => {
      this.#available[i] = t.status !== 'offline' && t.onShift && t.openOrders < t.capacity ? 1 : 0;
      if (!this.#regions.has(t.regionId)) this.#regions.set(t.regionId, this.#regions.size);
      this.#region[i] = this.#regions.get(t.regionId) ?? -1;
    });
    this.#skills = new Bitsets(this.candidates.map((t) => t.skills));
    this.#certifications = new Bitsets(this.candidates.map((t) => t.certifications));
    const ready = this.candidates.flatMap((t, i) => (this.#available[i] === 1 ? [i] : []));
    this.#readyAt = Int32Array.from(ready);
    this.#ready = new TechnicianIndex(ready.map((i) => this.candidates[i] as CandidateTechnician));
  }

  /**
   * Calls `visit(technician, km)` for every candidate within the radius who passes every hard rule, in no
   * particular order; false (without calling) when nobody can pass (a skill or certification nobody has).
   */
  forEachEligible(
    order: DispatchOrder,
    policy: RegionPolicy,
    visit: (technician: CandidateTechnician, km: number) => void
  ): boolean {
    const accept = this.eligibility(order, policy);
    if (accept === null) return false;
    const at = this.#readyAt;
    const all = this.candidates;
    this.#ready.forEachWithin(
      order.location,
      policy.maxRadiusKm,
      (j, km) => visit(all[at[j] ?? -1] as CandidateTechnician, km),
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
    const region = policy.allowCrossRegion ? -1 : (this.#regions.get(order.regionId) ?? -2);
    const available = this.#available;
    const regions = this.#region;
    const all = this.candidates;
    const declines = (order.declinedBy?.length ?? 0) > 0;
    return (i) =>
      available[i] === 1 &&
      (region === -1 || regions[i] === region) &&
      this.#skills.hasAll(i, skills) &&
      this.#certifications.hasAll(i, certifications) &&
      !(declines && hasDeclined(order, all[i] as CandidateTechnician));
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Candidates within the radius as parallel lists (no object per candidate), and how many were beyond. */
interface Reached {
  technicians: CandidateTechnician[];
  distances: number[];
  beyond: number;
}

function withinRadius(
  order: DispatchOrder,
  candidates: readonly CandidateTechnician[] | CandidatePool,
  radiusKm: number
): Reached {
  const technicians: CandidateTechnician[] = [];
  const distances: number[] = [];
  if (candidates instanceof CandidatePool) {
    const all = candidates.candidates;
    candidates.index.forEachWithin(order.location, radiusKm, (i, km) => {
      const technician = all[i];
      if (technician === undefined) return;
      technicians.push(technician);
      distances.push(km);
    });
    return { technicians, distances, beyond: all.length - technicians.length };
  }
  for (const technician of candidates) {
    // Same function, same argument order as the index's exact filter: both paths agree to the last bit.
    const km = haversineKm(order.location, technician.location);
    if (!(km <= radiusKm)) continue;
    technicians.push(technician);
    distances.push(km);
  }
  return { technicians, distances, beyond: candidates.length - technicians.length };
}

interface Kept {
  /** Position in the group being ranked. */
  at: number;
  technician: CandidateTechnician;
  distanceKm: number;
  violationCount: number;
  crossRegion: boolean;
  score: number;
}

/**
 * The ranking key: fewest broken rules (0 for every eligible candidate), own region first, higher score,
 * then technician id. Positive when the first key ranks after the second.
 */
function compareKeys(
  violationCount: number,
  crossRegion: boolean,
  score: number,
  id: string,
  b: Kept
): number {
  return (
    violationCount - b.violationCount ||
    Number(crossRegion) - Number(b.crossRegion) ||
    b.score - score ||
    compareIds(id, b.technician.id)
  );
}

/** What every candidate of one decision is scored against. */
interface Scoring {
  order: DispatchOrder;
  scorer: Scorer;
  parts: PartsContext;
  readiness: number;
  minFen: number;
  maxFen: number;
}

/** Puts `entry` into `top` (best first) when it is among the best `k`. */
function keep(top: Kept[], k: number, entry: Kept): void {
  let at = top.length;
  for (; at > 0; at--) {
    const before = top[at - 1];
    if (
      before === undefined ||
      compareKeys(entry.violationCount, entry.crossRegion, entry.score, entry.technician.id, before) > 0
    ) {
      break;
    }
  }
  if (at >= k) return;
  top.splice(at, 0, entry);
  if (top.length > k) top.pop();
}

/**
 * The best `k` of a group by the ranking key, best first. Fetching parts is the only costly factor, so each
 * candidate is first scored as if the depots lay on its way: an upper bound, since the parts factor can
 * only shrink with a detour (and rounding is monotonic). The `k` best bounds are measured first; then any
 * candidate whose bound already ranks after the k-th kept is skipped unmeasured. A tie is measured, so the
 * id tie-break stays exact.
 */
function selectTop(
  technicians: readonly CandidateTechnician[],
  distances: readonly number[],
  violationCounts: readonly number[] | null,
  k: number,
  s: Scoring
): Kept[] {
  const top: Kept[] = [];
  if (k <= 0) return top;
  const n = technicians.length;
  // Bounds in typed arrays: a Kept object is made only for a candidate that enters the top.
  const bound = new Float64Array(n);
  const cross = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const technician = technicians[i] as CandidateTechnician;
    cross[i] = isCrossRegion(s.order, technician) ? 1 : 0;
    bound[i] = s.scorer.score(technician, distances[i] as number, 0, s.readiness, s.minFen, s.maxFen);
  }
  const entry = (i: number, score: number): Kept => ({
    at: i,
    technician: technicians[i] as CandidateTechnician,
    distanceKm: distances[i] as number,
    violationCount: violationCounts?.[i] ?? 0,
    crossRegion: cross[i] === 1,
    score
  });
  const ranksAfter = (i: number, score: number, than: Kept | undefined) =>
    than !== undefined &&
    compareKeys(violationCounts?.[i] ?? 0, cross[i] === 1, score, technicians[i]?.id ?? '', than) > 0;
  // Without parts the bound is the score.
  if (s.parts.needs.length === 0) {
    for (let i = 0; i < n; i++)
      if (!ranksAfter(i, bound[i] ?? 0, top[k - 1])) keep(top, k, entry(i, bound[i] ?? 0));
    return top;
  }
  const measure = (i: number): Kept => {
    const technician = technicians[i] as CandidateTechnician;
    const distanceKm = distances[i] as number;
    const detour = detourFor(s.parts, technician.location, distanceKm);
    return entry(i, s.scorer.score(technician, distanceKm, detour, s.readiness, s.minFen, s.maxFen));
  };
  // The k best bounds first, measured, so that the threshold is high from the start.
  const seeds: Kept[] = [];
  for (let i = 0; i < n; i++)
    if (!ranksAfter(i, bound[i] ?? 0, seeds[k - 1])) keep(seeds, k, entry(i, bound[i] ?? 0));
  const seeded = new Uint8Array(n);
  for (const seed of seeds) {
    seeded[seed.at] = 1;
    keep(top, k, measure(seed.at));
  }
  // Where no single depot holds everything, a walk per candidate is the cost: a tighter bound first.
  const walks = !s.parts.anyCoversAll;
  for (let i = 0; i < n; i++) {
    if (seeded[i] === 1 || ranksAfter(i, bound[i] ?? 0, top[k - 1])) continue;
    if (walks) {
      const technician = technicians[i] as CandidateTechnician;
      const distanceKm = distances[i] as number;
      const least = detourLowerBound(s.parts, technician.location, distanceKm);
      const tighter = s.scorer.score(technician, distanceKm, least, s.readiness, s.minFen, s.maxFen);
      if (ranksAfter(i, tighter, top[k - 1])) continue;
    }
    keep(top, k, measure(i));
  }
  return top;
}

/** The explanation the supervisor sees; its score is the one the candidate was ranked by, bit for bit. */
function explain(kept: Kept, broken: HardRule[], s: Scoring): RankedCandidate {
  const { technician, distanceKm } = kept;
  const { score, factors } = s.scorer.explain(technician, {
    distanceKm,
    partsDetourKm: detourFor(s.parts, technician.location, distanceKm),
    partsReadiness: s.readiness,
    earningsFen: { min: s.minFen, max: s.maxFen }
  });
  return { technicianId: technician.id, score, factors, violations: broken, crossRegion: kept.crossRegion };
}

/** "14 lacked skill 高空作业, 3 at capacity": per broken rule, most first. */
export function describeFailures(
  failed: Partial<Record<HardRule, number>>,
  lacked: { skill: Map<string, number>; certification: Map<string, number> },
  policy: RegionPolicy,
  total: number
): string {
  if (total === 0) return 'no technicians to choose from';
  const names = (counts: Map<string, number>) =>
    [...counts]
      .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
      .map(([name]) => name)
      .join('、');
  const phrase: Record<HardRule, (n: number) => string> = {
    radius: (n) => `${n} beyond ${policy.maxRadiusKm} km`,
    region: (n) => `${n} in another region (cross-region not allowed)`,
    offline: (n) => `${n} offline`,
    off_shift: (n) => `${n} off shift`,
    skill: (n) => `${n} lacked skill ${names(lacked.skill)}`,
    certification: (n) => `${n} lacked certification ${names(lacked.certification)}`,
    capacity: (n) => `${n} at capacity`,
    declined: (n) => `${n} declined the offer or let it lapse`
  };
  return HARD_RULES.map((rule) => ({ rule, n: failed[rule] ?? 0 }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n)
    .map(({ rule, n }) => phrase[rule](n))
    .join(', ');
}

/**
 * The dispatch decision for `order`. Pure and deterministic: the same inputs give the same decision (the
 * same JSON, key order included), whatever the order of `candidates` (technician ids are assumed unique)
 * and whether they come as a plain list or as a `CandidatePool`.
 */
export function decide(
  order: DispatchOrder,
  candidates: readonly CandidateTechnician[] | CandidatePool,
  policy: RegionPolicy,
  depots: readonly DepotStock[],
  now: Date,
  options: DecideOptions = {}
): DispatchDecision {
  const topN = Math.max(0, Math.floor(options.topN ?? DEFAULT_TOP_N));
  const parts = preparePartsContext(order, depots, policy.maxRadiusKm);
  // With a pool, only the eligible are measured; when they are enough to fill the ranking (the usual
  // case), nobody else matters. Otherwise the full path below counts and shows the misses too.
  if (candidates instanceof CandidatePool) {
    const eligible: CandidateTechnician[] = [];
    const eligibleKm: number[] = [];
    const anyone = candidates.forEachEligible(order, policy, (technician, km) => {
      eligible.push(technician);
      eligibleKm.push(km);
    });
    if (anyone && eligible.length >= Math.max(1, topN)) {
      return choose(order, policy, parts, now, eligible, eligibleKm, topN);
    }
  }
  const reached = withinRadius(order, candidates, policy.maxRadiusKm);

  // One cheap pass: eligibility without building rule lists, and the earnings range for fairness.
  const eligible: CandidateTechnician[] = [];
  const eligibleKm: number[] = [];
  const missed: CandidateTechnician[] = [];
  const missedKm: number[] = [];
  reached.technicians.forEach((technician, i) => {
    const km = reached.distances[i] as number;
    if (isEligible(order, technician, policy, km)) {
      eligible.push(technician);
      eligibleKm.push(km);
    } else {
      missed.push(technician);
      missedKm.push(km);
    }
  });

  // Fairness compares the eligible among themselves; with nobody eligible, the misses shown.
  const scoring = scoringFor(order, policy, parts, eligible.length > 0 ? eligible : missed);
  const topEligible = selectTop(eligible, eligibleKm, null, Math.max(1, topN), scoring);
  const ranked = topEligible.slice(0, topN).map((kept) => explain(kept, [], scoring));

  // The rule lists of the misses are built only when they are shown or counted.
  const missesShown = topN - ranked.length;
  const best = topEligible[0];
  if (missesShown > 0 || best === undefined) {
    const broken = missed.map((t, i) => violations(order, t, policy, missedKm[i] as number));
    const counts = broken.map((rules) => rules.length);
    const byId = new Map(missed.map((t, i) => [t.id, broken[i] ?? []]));
    for (const kept of selectTop(missed, missedKm, counts, missesShown, scoring)) {
      ranked.push(explain(kept, byId.get(kept.technician.id) ?? [], scoring));
    }
    if (best === undefined) {
      return noCandidate(order, policy, reached, missed, broken, ranked);
    }
  }

  return decision(policy, parts, now, best, ranked);
}

function scoringFor(
  order: DispatchOrder,
  policy: RegionPolicy,
  parts: PartsContext,
  compared: readonly CandidateTechnician[]
): Scoring {
  let minFen = Infinity;
  let maxFen = -Infinity;
  for (const t of compared) {
    if (t.earnedThisMonthFen < minFen) minFen = t.earnedThisMonthFen;
    if (t.earnedThisMonthFen > maxFen) maxFen = t.earnedThisMonthFen;
  }
  return { order, scorer: new Scorer(policy), parts, readiness: partsReadiness(parts), minFen, maxFen };
}

/** The decision when at least max(1, topN) candidates are eligible: no misses to show or count. */
function choose(
  order: DispatchOrder,
  policy: RegionPolicy,
  parts: PartsContext,
  now: Date,
  eligible: readonly CandidateTechnician[],
  eligibleKm: readonly number[],
  topN: number
): DispatchDecision {
  const scoring = scoringFor(order, policy, parts, eligible);
  const top = selectTop(eligible, eligibleKm, null, Math.max(1, topN), scoring);
  const best = top[0];
  if (best === undefined) throw new Error('choose() needs at least one eligible candidate');
  const ranked = top.slice(0, topN).map((kept) => explain(kept, [], scoring));
  return decision(policy, parts, now, best, ranked);
}

function decision(
  policy: RegionPolicy,
  parts: PartsContext,
  now: Date,
  best: Kept,
  ranked: RankedCandidate[]
): DispatchDecision {
  const plan = planFor(parts, best.technician.location, best.distanceKm);
  const technicianId = best.technician.id;
  if (policy.mode === 'offer') {
    return {
      type: 'offered',
      technicianId,
      expiresAt: new Date(now.getTime() + policy.offerTimeoutMs),
      crossRegion: best.crossRegion,
      parts: plan,
      ranked
    };
  }
  return { type: 'assigned', technicianId, crossRegion: best.crossRegion, parts: plan, ranked };
}

/** Counts per broken rule, keys in HARD_RULES order so the stored JSON does not depend on input order. */
function noCandidate(
  order: DispatchOrder,
  policy: RegionPolicy,
  reached: Reached,
  missed: readonly CandidateTechnician[],
  broken: readonly HardRule[][],
  ranked: RankedCandidate[]
): DispatchDecision {
  const counts = new Map<HardRule, number>();
  if (reached.beyond > 0) counts.set('radius', reached.beyond);
  for (const rules of broken) for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const failed: Partial<Record<HardRule, number>> = {};
  for (const rule of HARD_RULES) {
    const n = counts.get(rule);
    if (n !== undefined) failed[rule] = n;
  }
  const lacked = { skill: new Map<string, number>(), certification: new Map<string, number>() };
  for (const t of missed) {
    for (const s of order.requiredSkills) {
      if (!t.skills.includes(s)) lacked.skill.set(s, (lacked.skill.get(s) ?? 0) + 1);
    }
    for (const c of order.requiredCertifications) {
      if (!t.certifications.includes(c)) lacked.certification.set(c, (lacked.certification.get(c) ?? 0) + 1);
    }
  }
  const total = reached.technicians.length + reached.beyond;
  return { type: 'no-candidate', failed, reason: describeFailures(failed, lacked, policy, total), ranked };
}
