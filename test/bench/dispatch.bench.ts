// Auto-dispatch: `decide` with the k-d tree (CandidatePool) against a brute force in the same run that
// measures turf.distance to every technician and plans parts with a linear scan of every depot's stock for
// every eligible candidate. Decisions do not reserve anything here: stock and workloads stay as generated.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as turf from '@turf/turf';
import { CITIES } from '../../geo/cities';
import { CandidatePool, decide } from '../../dispatcher/dispatch/decide';
import { TechnicianIndex } from '../../geo/technician-index';
import { planParts } from '../../dispatcher/dispatch/parts';
import { isCrossRegion, violations } from '../../dispatcher/dispatch/rules';
import { scoreCandidate } from '../../dispatcher/dispatch/score';
import type {
  CandidateTechnician,
  DepotStock,
  DispatchOrder,
  RegionPolicy
} from '../../dispatcher/dispatch/types';
import { DEPOTS, generate, ORDERS, POLICY, SKU_COUNT, TECHNICIANS, WORLD_SEED } from './world';

const WARM_UP = 2_000;
/** The brute force takes milliseconds a decision: it runs on every BASELINE_EVERY-th order. */
const BASELINE_EVERY = 10;
const POOL_BUILDS = 7;

/** The brute force: turf.distance to every technician, a linear scan of every depot per eligible one. */
function bruteForceDecide(
  order: DispatchOrder,
  technicians: readonly CandidateTechnician[],
  policy: RegionPolicy,
  depots: readonly DepotStock[]
): string | null {
  const from = [order.location.lng, order.location.lat];
  const reached: { t: CandidateTechnician; km: number }[] = [];
  for (const t of technicians) {
    const km = turf.distance(from, [t.location.lng, t.location.lat], { units: 'kilometers' });
    if (km <= policy.maxRadiusKm) reached.push({ t, km });
  }
  const eligible = reached.filter(({ t, km }) => violations(order, t, policy, km).length === 0);
  let min = Infinity;
  let max = -Infinity;
  for (const { t } of eligible) {
    min = Math.min(min, t.earnedThisMonthFen);
    max = Math.max(max, t.earnedThisMonthFen);
  }
  let best: { id: string; cross: boolean; score: number } | null = null;
  for (const { t, km } of eligible) {
    const plan = planParts(order, t.location, depots, policy.maxRadiusKm);
    const needed = order.parts.reduce((s, p) => s + p.qty, 0);
    const picked = plan.picks.reduce((s, p) => s + p.qty, 0);
    const moved = plan.transfers.reduce((s, p) => s + p.qty, 0);
    const { score } = scoreCandidate(
      t,
      {
        distanceKm: km,
        partsDetourKm: plan.detourKm,
        partsReadiness: needed === 0 ? 1 : (picked + 0.5 * moved) / needed,
        earningsFen: { min, max }
      },
      policy
    );
    const cross = isCrossRegion(order, t);
    if (
      best === null ||
      Number(cross) < Number(best.cross) ||
      (cross === best.cross && (score > best.score || (score === best.score && t.id < best.id)))
    ) {
      best = { id: t.id, cross, score };
    }
  }
  return best?.id ?? null;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');

/**
 * Times each call; returns the sorted latencies (ms) and the total. `seen` gets each answer inside the loop
 * and keeps what it needs: holding on to 20,000 decisions (about 10 kB each) would time the garbage
 * collector's walks over them, not `decide`.
 */
function timeEach<T>(
  items: readonly DispatchOrder[],
  work: (o: DispatchOrder) => T,
  seen: (answer: T) => void
) {
  const latencies: number[] = [];
  const start = performance.now();
  for (const o of items) {
    const t0 = performance.now();
    const answer = work(o);
    latencies.push(performance.now() - t0);
    seen(answer);
  }
  const totalMs = performance.now() - start;
  return { sorted: [...latencies].sort((a, b) => a - b), totalMs };
}

export async function run(): Promise<void> {
  const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`load average (1 min) at start: ${load()}`);
  const t0 = performance.now();
  const { technicians, depots, orders } = generate(WORLD_SEED);
  console.log(
    `${TECHNICIANS.toLocaleString('en-US')} technicians, ${DEPOTS} depots, ${SKU_COUNT} SKUs, ` +
      `${ORDERS.toLocaleString('en-US')} orders around ${CITIES.length} cities by population ` +
      `(generated in ${(performance.now() - t0).toFixed(0)} ms); radius ${POLICY.maxRadiusKm} km, cross-region allowed`
  );

  const medianBuild = (build: () => void) => {
    const ms: number[] = [];
    for (let i = 0; i < POOL_BUILDS; i++) {
      const b0 = performance.now();
      build();
      ms.push(performance.now() - b0);
    }
    return percentile(
      ms.sort((a, b) => a - b),
      0.5
    ).toFixed(2);
  };
  const index = new TechnicianIndex();
  const rebuildMs = medianBuild(() => index.rebuild(technicians));
  let pool = new CandidatePool(technicians);
  const poolMs = medianBuild(() => (pool = new CandidatePool(technicians)));
  console.log(
    `TechnicianIndex.rebuild (10,000 points): median ${rebuildMs} ms; CandidatePool build (two trees, ` +
      `bitsets): median ${poolMs} ms; of ${POOL_BUILDS} each`
  );

  const now = new Date('2026-11-23T08:00:00Z');
  const sample = orders.filter((_, i) => i % BASELINE_EVERY === 0);
  // Warm up every path so that the timings compare optimised code.
  for (const o of orders.slice(0, WARM_UP)) decide(o, pool, POLICY, depots, now);
  for (const o of sample.slice(0, 50)) {
    decide(o, technicians, POLICY, depots, now);
    bruteForceDecide(o, technicians, POLICY, depots);
  }

  const kinds = { assigned: 0, offered: 0, 'no-candidate': 0 };
  let reachedRanked = 0;
  const indexed = timeEach(
    orders,
    (o) => decide(o, pool, POLICY, depots, now),
    (d) => {
      kinds[d.type] += 1;
      reachedRanked += d.ranked.length;
    }
  );
  const ignore = () => undefined;
  const sampleIndexed = timeEach(sample, (o) => decide(o, pool, POLICY, depots, now), ignore);
  const list = timeEach(sample, (o) => decide(o, technicians, POLICY, depots, now), ignore);
  const bruteChoices: (string | null)[] = [];
  const brute = timeEach(
    sample,
    (o) => bruteForceDecide(o, technicians, POLICY, depots),
    (id) => bruteChoices.push(id)
  );

  // The decisions compared are made again, untimed.
  const chosen = (d: ReturnType<typeof decide>) => (d.type === 'no-candidate' ? null : d.technicianId);
  let listDisagree = 0;
  let bruteDisagree = 0;
  sample.forEach((o, i) => {
    const a = decide(o, pool, POLICY, depots, now);
    const b = decide(o, technicians, POLICY, depots, now);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      listDisagree++;
      if (process.env.DEBUG_DISPATCH) console.log(JSON.stringify(a), '\n', JSON.stringify(b));
    }
    if (chosen(a) !== bruteChoices[i]) bruteDisagree++;
  });

  const line = (name: string, r: { sorted: number[]; totalMs: number }) =>
    `  ${name.padEnd(34)} p50 ${us(percentile(r.sorted, 0.5)).padStart(9)}  p99 ${us(percentile(r.sorted, 0.99)).padStart(9)}  ` +
    `max ${us(r.sorted[r.sorted.length - 1] ?? NaN).padStart(9)}  ${perSecond(r.sorted.length, r.totalMs).padStart(7)} decisions/s`;
  console.log(
    `decisions: ${kinds.assigned} assigned, ${kinds['no-candidate']} no candidate; ` +
      `${(reachedRanked / orders.length).toFixed(1)} ranked per decision on average`
  );
  console.log(line(`decide + CandidatePool, ${ORDERS} orders`, indexed));
  console.log(line(`decide + CandidatePool, ${sample.length} sample`, sampleIndexed));
  console.log(line(`decide, plain list, ${sample.length} sample`, list));
  console.log(line(`brute force (turf), ${sample.length} sample`, brute));
  const meanRatio = brute.totalMs / sampleIndexed.totalMs;
  const p50Ratio = percentile(brute.sorted, 0.5) / percentile(sampleIndexed.sorted, 0.5);
  const p99 = percentile(indexed.sorted, 0.99);
  console.log(
    `  speed-up over the brute force: ×${meanRatio.toFixed(0)} in throughput, ×${p50Ratio.toFixed(0)} at p50 ` +
      `(same ${sample.length} orders); plain list vs pool ×${(list.totalMs / sampleIndexed.totalMs).toFixed(1)}`
  );
  console.log(
    `  goal p99 ≤ 1 ms: ${p99 <= 1 ? 'met' : 'MISSED'} (${us(p99)}); goal ≥ ×50: ${meanRatio >= 50 ? 'met' : 'MISSED'}; ` +
      `decisions differing pool vs list: ${listDisagree}; chosen technician differing from the brute force: ${bruteDisagree}`
  );
  console.log(`load average (1 min) at end: ${load()}`);
  if (listDisagree > 0)
    throw new Error(`decide with the pool and with the list disagree on ${listDisagree} orders`);
  await Promise.resolve();
}
