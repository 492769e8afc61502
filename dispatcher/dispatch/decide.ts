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
import { CandidatePool, TechnicianColumns } from './candidate-pool';
import {
  detourFor,
  detourLowerBound,
  partsReadiness,
  planFor,
  preparePartsContext,
  type PartsContext
} from './parts';
import { isEligible, violations } from './rules';
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

// Callers build pools where they call `decide`: one import for both.
export { CandidatePool };

export const DEFAULT_TOP_N = 10;

export interface DecideOptions {
  /** How many ranked candidates the decision keeps (default 10). */
  topN?: number;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Candidates within the radius, exactly measured: positions in `all` (a pool's own list and columns, or the
 * reached technicians of a plain list, packed here), and how many were beyond.
 */
interface Reached {
  all: readonly CandidateTechnician[];
  columns: TechnicianColumns;
  at: number[];
  km: number[];
  beyond: number;
}

function withinRadius(
  order: DispatchOrder,
  candidates: readonly CandidateTechnician[] | CandidatePool,
  radiusKm: number
): Reached {
  const at: number[] = [];
  const km: number[] = [];
  if (candidates instanceof CandidatePool) {
    const { candidates: all, columns } = candidates;
    candidates.index.forEachWithin(order.location, radiusKm, (i, distanceKm) => {
      at.push(i);
      km.push(distanceKm);
    });
    return { all, columns, at, km, beyond: all.length - at.length };
  }
  const all: CandidateTechnician[] = [];
  for (const technician of candidates) {
    // Same function, same argument order as the index's exact filter: both paths agree to the last bit.
    const distanceKm = haversineKm(order.location, technician.location);
    if (!(distanceKm <= radiusKm)) continue;
    at.push(all.length);
    all.push(technician);
    km.push(distanceKm);
  }
  return { all, columns: new TechnicianColumns(all), at, km, beyond: candidates.length - all.length };
}

/**
 * The candidates of one ranking: positions in `all` (and in `columns`, which the loops read instead of the
 * technician objects), their distances (exact, or lower bounds from a pool, measured only for the few that
 * may make the ranking) and, for misses, how many rules each breaks.
 */
interface Group {
  all: readonly CandidateTechnician[];
  columns: TechnicianColumns;
  at: number[];
  km: number[];
  kmIsExact: boolean;
  violationCounts: number[] | null;
}

interface Kept {
  /** Position in the group being ranked. */
  at: number;
  technician: CandidateTechnician;
  distanceKm: number;
  /** The parts detour the score was computed with (0 for a bound), so the explanation need not walk again. */
  detourKm: number;
  violationCount: number;
  crossRegion: boolean;
  score: number;
}

/**
 * The ranking key: fewest broken rules (0 for every eligible candidate), own region first, higher score,
 * then technician id (read only on a tie). Positive when the first key ranks after the second.
 */
function compareKeys(
  violationCount: number,
  crossRegion: boolean,
  score: number,
  technician: CandidateTechnician,
  b: Kept
): number {
  return (
    violationCount - b.violationCount ||
    Number(crossRegion) - Number(b.crossRegion) ||
    b.score - score ||
    compareIds(technician.id, b.technician.id)
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
      compareKeys(entry.violationCount, entry.crossRegion, entry.score, entry.technician, before) > 0
    ) {
      break;
    }
  }
  if (at >= k) return;
  top.splice(at, 0, entry);
  if (top.length > k) top.pop();
}

/**
 * The best `k` of a group by the ranking key, best first. Measuring a candidate (exact distance, parts
 * detour) is the cost, so each first gets a quick upper bound of its score (`Scorer.upperBound`, at its
 * lowest possible distance, as if the depots lay on its way: every factor only shrinks as either grows).
 * The `k` best bounds are measured first, so that the threshold is high from the start; then a candidate is
 * skipped as soon as a bound ranks it after the k-th kept: the quick one, the exact score without detour,
 * then (where no single depot holds everything) the score with a lower bound of the detour. A tie is
 * measured, so the id tie-break stays exact.
 */
function selectTop(group: Group, k: number, s: Scoring): Kept[] {
  const top: Kept[] = [];
  if (k <= 0) return top;
  const { all, columns, at, km, violationCounts } = group;
  const n = at.length;
  const ownRegion = columns.regionCode(s.order.regionId);
  // Plain arrays, filled in the first pass: a Kept object is made only for a candidate that enters a top.
  const cross: boolean[] = [];
  const bound: number[] = [];
  const technician = (i: number) => all[at[i] as number] as CandidateTechnician;
  const location = (i: number) => columns.location(at[i] as number);
  const exactKm = (i: number) =>
    group.kmIsExact ? (km[i] as number) : haversineKm(s.order.location, location(i));
  const base = (i: number, distanceKm: number) => {
    const t = at[i] as number;
    return s.scorer.base(distanceKm, columns.workload[t] as number, columns.rating[t] as number);
  };
  const score = (i: number, base: number, detourKm: number) => {
    const fen = columns.earnedFen[at[i] as number] as number;
    return s.scorer.total(base, s.readiness, detourKm, fen, s.minFen, s.maxFen);
  };
  const entry = (i: number, distanceKm: number, score: number, detourKm = 0): Kept => ({
    at: i,
    technician: technician(i),
    distanceKm,
    detourKm,
    violationCount: violationCounts?.[i] ?? 0,
    crossRegion: cross[i] === true,
    score
  });
  const ranksAfter = (i: number, score: number, than: Kept | undefined) =>
    than !== undefined &&
    compareKeys(violationCounts?.[i] ?? 0, cross[i] === true, score, technician(i), than) > 0;
  const needsParts = s.parts.needs.length > 0;
  const measure = (i: number, distanceKm: number, base: number): Kept => {
    const detourKm = needsParts ? detourFor(s.parts, location(i), distanceKm) : 0;
    return entry(i, distanceKm, score(i, base, detourKm), detourKm);
  };

  // One pass for the bounds and the k best of them, the seeds.
  const seeds: Kept[] = [];
  const upperBound = s.scorer.upperBound(s.readiness, s.minFen, s.maxFen);
  for (let i = 0; i < n; i++) {
    const t = at[i] as number;
    cross.push(columns.region[t] !== ownRegion);
    const b = upperBound(
      km[i] as number,
      columns.workload[t] as number,
      columns.rating[t] as number,
      columns.earnedFen[t] as number
    );
    bound.push(b);
    if (!ranksAfter(i, b, seeds[k - 1])) keep(seeds, k, entry(i, km[i] as number, b));
  }
  const seeded = new Set<number>();
  for (const seed of seeds) {
    seeded.add(seed.at);
    const distanceKm = exactKm(seed.at);
    keep(top, k, measure(seed.at, distanceKm, base(seed.at, distanceKm)));
  }
  // Where no single depot holds everything, a walk per candidate is the cost: a tighter bound first.
  const walks = needsParts && !s.parts.anyCoversAll;
  for (let i = 0; i < n; i++) {
    if (ranksAfter(i, bound[i] ?? 0, top[k - 1]) || seeded.has(i)) continue;
    const distanceKm = exactKm(i);
    const exactBase = base(i, distanceKm);
    if (ranksAfter(i, score(i, exactBase, 0), top[k - 1])) continue;
    if (walks) {
      const least = detourLowerBound(s.parts, location(i), distanceKm);
      if (ranksAfter(i, score(i, exactBase, least), top[k - 1])) continue;
    }
    keep(top, k, measure(i, distanceKm, exactBase));
  }
  return top;
}

/** The explanation the supervisor sees; its score is the one the candidate was ranked by, bit for bit. */
function explain(kept: Kept, broken: HardRule[], s: Scoring): RankedCandidate {
  const { technician, distanceKm } = kept;
  const { score, factors } = s.scorer.explain(technician, {
    distanceKm,
    partsDetourKm: kept.detourKm,
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
    const at: number[] = [];
    const km: number[] = [];
    const anyone = candidates.forEachEligible(order, policy, (i, distanceKm) => {
      at.push(i);
      km.push(distanceKm);
    });
    if (anyone && at.length >= Math.max(1, topN)) {
      const group = {
        all: candidates.candidates,
        columns: candidates.columns,
        at,
        km,
        kmIsExact: false,
        violationCounts: null
      };
      return choose(order, policy, parts, now, group, topN);
    }
  }
  const reached = withinRadius(order, candidates, policy.maxRadiusKm);

  // One cheap pass: eligibility without building rule lists.
  const { all, columns } = reached;
  const eligible: Group = { all, columns, at: [], km: [], kmIsExact: true, violationCounts: null };
  const missed: Group = { all, columns, at: [], km: [], kmIsExact: true, violationCounts: [] };
  reached.at.forEach((i, j) => {
    const km = reached.km[j] as number;
    const group = isEligible(order, all[i] as CandidateTechnician, policy, km) ? eligible : missed;
    group.at.push(i);
    group.km.push(km);
  });

  // Fairness compares the eligible among themselves; with nobody eligible, the misses shown.
  const scoring = scoringFor(order, policy, parts, eligible.at.length > 0 ? eligible : missed);
  const topEligible = selectTop(eligible, Math.max(1, topN), scoring);
  const ranked = topEligible.slice(0, topN).map((kept) => explain(kept, [], scoring));

  // The rule lists of the misses are built only when they are shown or counted.
  const missesShown = topN - ranked.length;
  const best = topEligible[0];
  if (missesShown > 0 || best === undefined) {
    const missedTechnicians = missed.at.map((i) => all[i] as CandidateTechnician);
    const broken = missedTechnicians.map((t, j) => violations(order, t, policy, missed.km[j] as number));
    missed.violationCounts = broken.map((rules) => rules.length);
    for (const kept of selectTop(missed, missesShown, scoring)) {
      ranked.push(explain(kept, broken[kept.at] ?? [], scoring));
    }
    if (best === undefined) {
      return noCandidate(order, policy, reached, missedTechnicians, broken, ranked);
    }
  }

  return decision(policy, parts, now, best, ranked);
}

function scoringFor(
  order: DispatchOrder,
  policy: RegionPolicy,
  parts: PartsContext,
  compared: Group
): Scoring {
  let minFen = Infinity;
  let maxFen = -Infinity;
  for (const i of compared.at) {
    const fen = compared.columns.earnedFen[i] as number;
    if (fen < minFen) minFen = fen;
    if (fen > maxFen) maxFen = fen;
  }
  return { order, scorer: new Scorer(policy), parts, readiness: partsReadiness(parts), minFen, maxFen };
}

/** The decision when at least max(1, topN) candidates are eligible: no misses to show or count. */
function choose(
  order: DispatchOrder,
  policy: RegionPolicy,
  parts: PartsContext,
  now: Date,
  eligible: Group,
  topN: number
): DispatchDecision {
  const scoring = scoringFor(order, policy, parts, eligible);
  const top = selectTop(eligible, Math.max(1, topN), scoring);
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
  const total = reached.at.length + reached.beyond;
  return { type: 'no-candidate', failed, reason: describeFailures(failed, lacked, policy, total), ranked };
}
