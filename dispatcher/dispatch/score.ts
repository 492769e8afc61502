// Soft objectives: each factor is normalized to 0..1 (higher is better) and weighted by the region policy.
// contribution = weight × normalized / Σ weights, and the score is the sum of the contributions, added in
// FACTOR_NAMES order: the explanation the supervisor sees adds up to the score as numbers, not roughly.
import {
  FACTOR_NAMES,
  type CandidateTechnician,
  type FactorExplanation,
  type FactorName,
  type RegionPolicy
} from './types';

/** What the score needs besides the technician: measured by the caller once per candidate or per order. */
export interface ScoreFacts {
  /** Great-circle km from technician to customer. */
  distanceKm: number;
  /** Extra km of the pick-up route through the depots (PartsPlan.detourKm); 0 without parts. */
  partsDetourKm: number;
  /**
   * Share of the order's parts that can be had: 1 when all are within reach or none are needed; stock that
   * must first be transferred counts half, stock that exists nowhere counts nothing.
   */
  partsReadiness: number;
  /**
   * Lowest and highest earnings this month among the candidates compared (fairness is relative): the
   * eligible ones, or the misses shown when nobody is eligible.
   */
  earningsFen: { min: number; max: number };
}

const clamp01 = (x: number): number => (x > 0 ? (x < 1 ? x : 1) : 0);
/** Far above the rounding of five contributions, far below any difference between two scores that matters. */
const BOUND_MARGIN = 1e-12;
/** Negative or NaN weights count as 0. */
const usable = (w: number): number => (w > 0 ? w : 0);

/** Closer is better: 1 at the customer's door, 0 at the edge of the radius. */
export const normalizeDistance = (km: number, reachKm: number): number =>
  reachKm > 0 ? clamp01(1 - km / reachKm) : 0;
/** Fewer open orders against the technician's own limit is better. */
export const normalizeWorkload = (openOrders: number, capacity: number): number =>
  capacity > 0 ? clamp01(1 - openOrders / capacity) : 0;
export const normalizeRating = (rating: number): number => clamp01(rating / 5);
/** Parts at hand and a short detour to fetch them. */
export const normalizeParts = (readiness: number, detourKm: number, reachKm: number): number =>
  clamp01(readiness) * (reachKm > 0 ? clamp01(1 - detourKm / reachKm) : 0);
/** Whoever earned least this month among the candidates gets 1, whoever earned most 0. */
export const normalizeFairness = (earned: number, min: number, max: number): number =>
  max > min ? clamp01((max - earned) / (max - min)) : 1;

/**
 * A region policy ready to score many candidates. `base` then `total`, and `explain`, share every operation,
 * in the same order, so the ranking (by `total`) and the explanation (by `explain`) agree to the last bit.
 */
export class Scorer {
  readonly #reach: number;
  readonly #weights: readonly number[];
  readonly #total: number;

  constructor(policy: RegionPolicy) {
    this.#reach = policy.maxRadiusKm;
    this.#weights = FACTOR_NAMES.map((name) => usable(policy.weights[name]));
    this.#total = this.#weights.reduce((sum, w) => sum + w, 0);
  }

  #contribution(i: number, normalized: number): number {
    return this.#total > 0 ? ((this.#weights[i] ?? 0) * normalized) / this.#total : 0;
  }

  /**
   * The distance, workload and rating contributions added up: the part of the score that depends on neither
   * the parts route nor the other candidates. `workload` and `rating` are normalized (normalizeWorkload,
   * normalizeRating), as a `TechnicianColumns` keeps them.
   */
  base(distanceKm: number, workload: number, rating: number): number {
    let score = 0;
    score += this.#contribution(0, normalizeDistance(distanceKm, this.#reach));
    score += this.#contribution(1, workload);
    score += this.#contribution(2, rating);
    return score;
  }

  /**
   * The score: `base` plus the parts and fairness contributions, without allocating the explanation. With a
   * detour of 0 it is an upper bound of the score with any detour.
   */
  total(
    base: number,
    partsReadiness: number,
    partsDetourKm: number,
    earnedFen: number,
    minFen: number,
    maxFen: number
  ): number {
    let score = base;
    score += this.#contribution(3, normalizeParts(partsReadiness, partsDetourKm, this.#reach));
    score += this.#contribution(4, normalizeFairness(earnedFen, minFen, maxFen));
    return score;
  }

  /**
   * A quick upper bound of the score of candidates at `atLeastKm` or farther, with any parts detour, for
   * pruning before the exact score: it multiplies where the score divides, which rounds differently by a few
   * 1e-16, far below its margin of 1e-12. Weights so small that their products turn subnormal (or so large
   * that they overflow) round far worse: then the bound is Infinity, and everyone is measured.
   */
  upperBound(
    partsReadiness: number,
    minFen: number,
    maxFen: number
  ): (atLeastKm: number, workload: number, rating: number, earnedFen: number) => number {
    if (!Number.isFinite(this.#total) || (this.#total > 0 && this.#total < 1e-200)) return () => Infinity;
    const [d, w, r, p, f] = this.#weights.map((weight) => (this.#total > 0 ? weight / this.#total : 0));
    const perKm = this.#reach > 0 ? 1 / this.#reach : 0;
    const parts = (p ?? 0) * normalizeParts(partsReadiness, 0, this.#reach);
    const perFen = maxFen > minFen ? 1 / (maxFen - minFen) : 0;
    return (atLeastKm, workload, rating, earnedFen) =>
      (d ?? 0) * clamp01(1 - atLeastKm * perKm) +
      (w ?? 0) * workload +
      (r ?? 0) * rating +
      parts +
      (f ?? 0) * (maxFen > minFen ? clamp01((maxFen - earnedFen) * perFen) : 1) +
      BOUND_MARGIN;
  }

  /** Score and explanation. With all weights 0 every contribution and the score are 0. */
  explain(
    technician: CandidateTechnician,
    facts: ScoreFacts
  ): { score: number; factors: FactorExplanation[] } {
    const { distanceKm, partsDetourKm, partsReadiness, earningsFen } = facts;
    const raw: [number, number][] = [
      [distanceKm, normalizeDistance(distanceKm, this.#reach)],
      [technician.openOrders, normalizeWorkload(technician.openOrders, technician.capacity)],
      [technician.rating, normalizeRating(technician.rating)],
      [partsDetourKm, normalizeParts(partsReadiness, partsDetourKm, this.#reach)],
      [
        technician.earnedThisMonthFen,
        normalizeFairness(technician.earnedThisMonthFen, earningsFen.min, earningsFen.max)
      ]
    ];
    const factors: FactorExplanation[] = [];
    let score = 0;
    raw.forEach(([value, normalized], i) => {
      const contribution = this.#contribution(i, normalized);
      score += contribution;
      factors.push({
        name: FACTOR_NAMES[i] as FactorName,
        value,
        normalized,
        weight: this.#weights[i] ?? 0,
        contribution
      });
    });
    return { score, factors };
  }
}

/** Score and explanation of one candidate (see `Scorer` to score many under one policy). */
export function scoreCandidate(
  technician: CandidateTechnician,
  facts: ScoreFacts,
  policy: RegionPolicy
): { score: number; factors: FactorExplanation[] } {
  return new Scorer(policy).explain(technician, facts);
}
