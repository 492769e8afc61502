// The parts plan: which depot the technician fetches an order's parts from, and what must be shipped.
//
// - Within reach: depots at most `reachKm` (the policy's radius) from the customer. When none is, the
//   depot nearest the customer counts as within reach, so there is always somewhere to pick up.
// - Nearest "from the technician and the customer": depots are ranked by the pick-up route
//   technician → depot → customer (great circle), ties by depot id.
// - The first depot on that ranking that holds everything is used alone; otherwise the depots within
//   reach are drained nearest-first. What they cannot give is proposed as transfers to the staging depot
//   (the one within reach nearest the customer) from the other depots, nearest to the staging depot first.
//   What no depot has is `missing`.
// - Pure: it reads `available` (on hand − reserved) and never plans more than that, per depot and SKU,
//   picks and transfers together. Reserving is the caller's job, in the same transaction as the assignment.
import { haversineKm, type LngLat } from '../../geo/distance';
import { mayBeWithin, searchBoxes } from '../../geo/technician-index';
import type { DepotStock, DispatchOrder, PartLine, PartPick, PartsPlan, PartsTransfer } from './types';

/** Road km per great-circle km for a truck between depots. */
export const TRANSFER_ROAD_FACTOR = 1.3;
export const TRANSFER_SPEED_KMH = 60;
/** Picking, loading and booking in at both ends. */
export const TRANSFER_HANDLING_HOURS = 4;

export function transferEtaHours(distanceKm: number): number {
  const hours = (distanceKm * TRANSFER_ROAD_FACTOR) / TRANSFER_SPEED_KMH + TRANSFER_HANDLING_HOURS;
  return Math.round(hours * 10) / 10;
}

/** Whole units a depot can give of one SKU: never negative, never a fraction, 0 for an unknown SKU. */
export function availableUnits(depot: DepotStock, sku: string): number {
  const n = depot.available[sku];
  return n !== undefined && n > 0 ? Math.floor(n) : 0;
}

/** One line per SKU (quantities added up, first appearance first); lines of no whole positive unit dropped. */
export function mergeParts(parts: readonly PartLine[]): PartLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, qty } of parts) {
    const whole = qty > 0 ? Math.floor(qty) : 0;
    if (whole > 0) bySku.set(sku, (bySku.get(sku) ?? 0) + whole);
  }
  return [...bySku].map(([sku, qty]) => ({ sku, qty }));
}

interface ReachDepot {
  depot: DepotStock;
  toCustomerKm: number;
  coversAll: boolean;
  /** availableUnits of each line of `needs`, in its order. */
  units: number[];
}

/**
 * Everything about an order's parts that does not depend on the technician, computed once per order so
 * that each candidate costs only a few distances (see `detourFor`, `planFor`).
 */
export interface PartsContext {
  customer: LngLat;
  needs: PartLine[];
  totalQty: number;
  reach: ReachDepot[];
  anyCoversAll: boolean;
  staging: DepotStock | null;
  /** Position of `staging` in `reach`, -1 without one. */
  stagingIndex: number;
  /** Units the depots within reach can give altogether, and the rest that transfers can bring. */
  pickableQty: number;
  transfers: PartsTransfer[];
  missing: PartLine[];
  /**
   * Working arrays of one walk (filled from index 0 up), reused from candidate to candidate so that ranking
   * hundreds of them allocates nothing. A context belongs to one decision at a time; its results are plain
   * values. Plain arrays: a typed array costs more to allocate than a walk over a dozen depots.
   */
  scratch: { routeKm: number[]; order: number[]; used: number[]; remaining: number[] };
}

const scratch = (): PartsContext['scratch'] => ({ routeKm: [], order: [], used: [], remaining: [] });

export function preparePartsContext(
  order: Pick<DispatchOrder, 'location' | 'parts'>,
  depots: readonly DepotStock[],
  reachKm: number
): PartsContext {
  const customer = order.location;
  const needs = mergeParts(order.parts);
  const totalQty = needs.reduce((sum, line) => sum + line.qty, 0);
  const empty = (): PartsContext => ({
    customer,
    needs,
    totalQty,
    reach: [],
    anyCoversAll: false,
    staging: null,
    stagingIndex: -1,
    pickableQty: 0,
    transfers: [],
    missing: needs.map((n) => ({ ...n })),
    scratch: scratch()
  });
  if (needs.length === 0 || depots.length === 0) return empty();

  const reachDepot = (depot: DepotStock, toCustomerKm: number): ReachDepot => {
    const units = needs.map((n) => availableUnits(depot, n.sku));
    return { depot, toCustomerKm, units, coversAll: needs.every((n, j) => (units[j] ?? 0) >= n.qty) };
  };
  const reach: ReachDepot[] = [];
  // A depot outside the boxes around the reach circle is beyond it: most depots cost no distance.
  const boxes = searchBoxes(customer, reachKm);
  for (const depot of depots) {
    if (!mayBeWithin(boxes, depot.location)) continue;
    const toCustomerKm = haversineKm(depot.location, customer);
    if (toCustomerKm <= reachKm) reach.push(reachDepot(depot, toCustomerKm));
  }
  if (reach.length === 0) {
    let nearest: { depot: DepotStock; toCustomerKm: number } | null = null;
    for (const depot of depots) {
      const toCustomerKm = haversineKm(depot.location, customer);
      if (
        nearest === null ||
        toCustomerKm < nearest.toCustomerKm ||
        (toCustomerKm === nearest.toCustomerKm && depot.depotId < nearest.depot.depotId)
      ) {
        nearest = { depot, toCustomerKm };
      }
    }
    if (nearest !== null) reach.push(reachDepot(nearest.depot, nearest.toCustomerKm));
  }
  const staging = reach.reduce<ReachDepot | null>(
    (best, r) =>
      best === null ||
      r.toCustomerKm < best.toCustomerKm ||
      (r.toCustomerKm === best.toCustomerKm && r.depot.depotId < best.depot.depotId)
        ? r
        : best,
    null
  )?.depot;
  if (staging === undefined) return empty();

  // What the depots within reach cannot give, whoever fetches it: the same for every technician.
  let pickableQty = 0;
  const rest: PartLine[] = [];
  for (const [j, n] of needs.entries()) {
    let inReach = 0;
    for (const r of reach) inReach += r.units[j] ?? 0;
    const taken = Math.min(n.qty, inReach);
    pickableQty += taken;
    if (taken < n.qty) rest.push({ sku: n.sku, qty: n.qty - taken });
  }

  const transfers: PartsTransfer[] = [];
  const missing: PartLine[] = [];
  if (rest.length > 0) {
    const inReach = new Set(reach.map((r) => r.depot));
    // A depot without a unit of what is left gives nothing: it is neither measured nor sorted.
    const sources = depots
      .filter((d) => !inReach.has(d) && rest.some((line) => availableUnits(d, line.sku) > 0))
      .map((depot) => ({ depot, km: haversineKm(depot.location, staging.location) }))
      .sort((a, b) => a.km - b.km || compareIds(a.depot.depotId, b.depot.depotId));
    for (const line of rest) {
      let remaining = line.qty;
      for (const { depot, km } of sources) {
        if (remaining === 0) break;
        const qty = Math.min(remaining, availableUnits(depot, line.sku));
        if (qty === 0) continue;
        remaining -= qty;
        transfers.push({
          fromDepot: depot.depotId,
          toDepot: staging.depotId,
          sku: line.sku,
          qty,
          distanceKm: km,
          etaHours: transferEtaHours(km)
        });
      }
      if (remaining > 0) missing.push({ sku: line.sku, qty: remaining });
    }
  }
  return {
    customer,
    needs,
    totalQty,
    reach,
    anyCoversAll: reach.some((r) => r.coversAll),
    staging,
    stagingIndex: reach.findIndex((r) => r.depot === staging),
    pickableQty,
    transfers,
    missing,
    scratch: scratch()
  };
}

/**
 * 1 when nothing is needed or everything is within reach; stock that must be transferred first counts half,
 * stock that exists nowhere counts nothing.
 */
export function partsReadiness(context: PartsContext): number {
  if (context.totalQty === 0) return 1;
  const transferred = context.transfers.reduce((sum, t) => sum + t.qty, 0);
  return (context.pickableQty + 0.5 * transferred) / context.totalQty;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The walk of one technician along the depots within reach, into the context's scratch arrays: depots
 * ranked by technician → depot → customer (then id), the first that holds everything used alone, otherwise
 * drained in that order until nothing is open; the staging depot joins when transfers are proposed.
 * Returns the single depot's position in `reach`, or -1. Calls `pick` for every pick when given.
 */
function walk(
  context: PartsContext,
  from: LngLat,
  pick?: (reachIndex: number, needIndex: number, qty: number) => void
): number {
  const { reach, needs, scratch } = context;
  const { routeKm, order, used, remaining } = scratch;
  for (let i = 0; i < reach.length; i++) {
    const r = reach[i] as ReachDepot;
    routeKm[i] = haversineKm(from, r.depot.location) + r.toCustomerKm;
    order[i] = i;
    used[i] = 0;
  }
  order.length = reach.length;
  order.sort(
    (a, b) =>
      (routeKm[a] ?? 0) - (routeKm[b] ?? 0) ||
      compareIds(reach[a]?.depot.depotId ?? '', reach[b]?.depot.depotId ?? '')
  );
  const single = order.find((i) => reach[i]?.coversAll) ?? -1;
  if (single >= 0) {
    used[single] = 1;
    if (pick) needs.forEach((n, j) => pick(single, j, n.qty));
    return single;
  }
  needs.forEach((n, j) => (remaining[j] = n.qty));
  let open = context.totalQty;
  for (const i of order) {
    if (open === 0) break;
    const units = reach[i]?.units ?? [];
    for (let j = 0; j < needs.length; j++) {
      const qty = Math.min(remaining[j] ?? 0, units[j] ?? 0);
      if (qty === 0) continue;
      remaining[j] = (remaining[j] ?? 0) - qty;
      open -= qty;
      used[i] = 1;
      pick?.(i, j, qty);
    }
  }
  if (context.transfers.length > 0 && context.stagingIndex >= 0) used[context.stagingIndex] = 1;
  return -1;
}

/** Great-circle km of technician → the used depots in ranked order → customer; `direct` when none. */
function walkedKm(context: PartsContext, from: LngLat, direct: number): number {
  const { order, used } = context.scratch;
  let routeKm = 0;
  let at = from;
  let visited = 0;
  for (const i of order) {
    if (used[i] !== 1) continue;
    const depot = context.reach[i]?.depot;
    if (depot === undefined) continue;
    routeKm += haversineKm(at, depot.location);
    at = depot.location;
    visited++;
  }
  return visited === 0 ? direct : routeKm + haversineKm(at, context.customer);
}

/** The plan for a technician at `from`. `directKm` (technician → customer) is measured when not given. */
export function planFor(context: PartsContext, from: LngLat, directKm?: number): PartsPlan {
  const direct = directKm ?? haversineKm(from, context.customer);
  if (context.needs.length === 0) {
    return {
      status: 'not-needed',
      picks: [],
      transfers: [],
      missing: [],
      route: [],
      routeKm: direct,
      detourKm: 0
    };
  }
  const picks: PartPick[] = [];
  const single = walk(context, from, (i, j, qty) =>
    picks.push({ depotId: context.reach[i]?.depot.depotId ?? '', sku: context.needs[j]?.sku ?? '', qty })
  );
  const routeKm = walkedKm(context, from, direct);
  const { order, used } = context.scratch;
  const route = order.filter((i) => used[i] === 1).map((i) => context.reach[i]?.depot.depotId ?? '');
  const status =
    context.missing.length > 0
      ? 'short'
      : context.transfers.length > 0
        ? 'transfer'
        : single >= 0
          ? 'single-depot'
          : 'split';
  return {
    status,
    picks,
    transfers: context.transfers.map((t) => ({ ...t })),
    missing: context.missing.map((m) => ({ ...m })),
    route,
    routeKm,
    detourKm: Math.max(0, routeKm - direct)
  };
}

/**
 * `planFor(context, from, directKm).detourKm` without building the plan: the path auto-dispatch takes for
 * every candidate it measures. One distance per depot holding everything, else one walk.
 */
export function detourFor(context: PartsContext, from: LngLat, directKm: number): number {
  if (context.needs.length === 0) return 0;
  if (context.anyCoversAll) {
    let best = Infinity;
    for (const r of context.reach) {
      if (!r.coversAll) continue;
      const routeKm = haversineKm(from, r.depot.location) + r.toCustomerKm;
      if (routeKm < best) best = routeKm;
    }
    return Math.max(0, best - directKm);
  }
  walk(context, from);
  return Math.max(0, walkedKm(context, from, directKm) - directKm);
}

/**
 * A lower bound of `detourFor(context, from, directKm)` that costs one distance per depot within reach and
 * no walk. Every line that a depot within reach holds is picked from one of its holders, and the staging
 * depot is called at when transfers come in; a route through a depot is at least technician → depot →
 * customer (triangle inequality). So the route is at least the longest, over those lines, of the shortest
 * such way through a holder; less a micrometre against rounding. 0 when the route may visit no depot.
 */
export function detourLowerBound(context: PartsContext, from: LngLat, directKm: number): number {
  const { reach, needs } = context;
  const routeKm = context.scratch.routeKm;
  for (let i = 0; i < reach.length; i++) {
    const r = reach[i] as ReachDepot;
    routeKm[i] = haversineKm(from, r.depot.location) + r.toCustomerKm;
  }
  let least = -Infinity;
  for (let j = 0; j < needs.length; j++) {
    let nearest = Infinity;
    for (let i = 0; i < reach.length; i++) {
      const km = routeKm[i] ?? Infinity;
      if ((reach[i]?.units[j] ?? 0) > 0 && km < nearest) nearest = km;
    }
    if (nearest < Infinity && nearest > least) least = nearest;
  }
  const staging = routeKm[context.stagingIndex] ?? -Infinity;
  if (context.transfers.length > 0 && staging > least) least = staging;
  return least === -Infinity ? 0 : Math.max(0, least - directKm - 1e-9);
}

/** The plan for a technician at `from` bringing `order`'s parts, with depots within `reachKm` of the customer. */
export function planParts(
  order: Pick<DispatchOrder, 'location' | 'parts'>,
  from: LngLat,
  depots: readonly DepotStock[],
  reachKm: number
): PartsPlan {
  return planFor(preparePartsContext(order, depots, reachKm), from);
}
