// Auto-dispatch: `decide` with the k-d tree (CandidatePool) against a brute force in the same run that
// measures turf.distance to every technician and plans parts with a linear scan of every depot's stock for
// every eligible candidate. Decisions do not reserve anything here: stock and workloads stay as generated.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as turf from '@turf/turf';
import { CITIES, type City } from '../../geo/cities';
import { CandidatePool, decide } from '../../dispatcher/dispatch/decide';
import { TechnicianIndex } from '../../geo/technician-index';
import { planParts } from '../../dispatcher/dispatch/parts';
import { isCrossRegion, violations } from '../../dispatcher/dispatch/rules';
import { scoreCandidate } from '../../dispatcher/dispatch/score';
import {
  DEFAULT_POLICY,
  type CandidateTechnician,
  type DepotStock,
  type DispatchOrder,
  type PartLine,
  type RegionPolicy
} from '../../dispatcher/dispatch/types';
import type { TechnicianStatus } from '../../dispatcher/fleet/status';
import { Random } from '../../realtime/demo/random';

const TECHNICIANS = 10_000;
const DEPOTS = 200;
const SKU_COUNT = 300;
const ORDERS = 20_000;
const WARM_UP = 2_000;
/** The brute force takes milliseconds a decision: it runs on every BASELINE_EVERY-th order. */
const BASELINE_EVERY = 10;
const POOL_BUILDS = 7;

/** Common skills first: most technicians have the first ones, few the last. */
const SKILLS = [
  '空调安装',
  '空调维修',
  '热水器',
  '洗衣机',
  '冰箱',
  '电工',
  '水管',
  '燃气灶',
  '净水器',
  '门锁',
  '高空作业',
  '商用制冷'
];
const CERTIFICATIONS = ['电工证', '高处作业证', '燃气作业证', '制冷作业证'];
const SKUS = Array.from({ length: SKU_COUNT }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
const STATUSES: TechnicianStatus[] = ['offline', 'idle', 'en_route', 'busy'];
const STATUS_WEIGHTS = [15, 45, 15, 25];

const POLICY: RegionPolicy = { ...DEFAULT_POLICY, allowCrossRegion: true };

function cityPicker(random: Random): () => City {
  const weights = CITIES.map((c) => c.population);
  return () => CITIES[random.weighted(weights)] ?? (CITIES[0] as City);
}

/** A metro area spreads wider for a bigger city: about 12 km for a town, 50 km for Shanghai. */
const metroKm = (city: City) => 8 + 8 * Math.sqrt(city.population);

function generate(seed: number) {
  const random = new Random(seed);
  const city = cityPicker(random);
  const skillWeights = SKILLS.map((_, i) => 1 / (i + 1));
  const skuWeights = SKUS.map((_, i) => 1 / (i + 1) ** 0.9);

  const technicians: CandidateTechnician[] = Array.from({ length: TECHNICIANS }, (_, i) => {
    const home = city();
    const capacity = random.int(3, 8);
    return {
      id: `tech-${String(i).padStart(5, '0')}`,
      regionId: home.regionId,
      location: random.near(home, metroKm(home)),
      status: STATUSES[random.weighted(STATUS_WEIGHTS)] ?? 'idle',
      skills: SKILLS.filter((_, k) => random.next() < 0.85 - 0.06 * k),
      certifications: CERTIFICATIONS.filter(() => random.next() < 0.3),
      rating: Math.round((3 + 2 * random.next()) * 10) / 10,
      capacity,
      openOrders: random.int(0, capacity),
      onShift: random.next() < 0.9,
      earnedThisMonthFen: random.int(0, 3_000_000)
    };
  });

  const depots: DepotStock[] = Array.from({ length: DEPOTS }, (_, i) => {
    const at = city();
    const available: Record<string, number> = {};
    SKUS.forEach((sku, k) => {
      const stocked = k < 30 ? 0.9 : k < 100 ? 0.5 : 0.12;
      if (random.next() < stocked) available[sku] = random.int(0, 20);
    });
    return {
      depotId: `depot-${String(i).padStart(3, '0')}`,
      regionId: at.regionId,
      location: random.near(at, 15),
      available
    };
  });

  const orders: DispatchOrder[] = Array.from({ length: ORDERS }, (_, i) => {
    const at = city();
    const skills = new Set<string>();
    const skillCount = random.next() < 0.7 ? 1 : 2;
    while (skills.size < skillCount) skills.add(SKILLS[random.weighted(skillWeights)] ?? '电工');
    const lines = random.next() < 0.4 ? 0 : random.int(1, 3);
    const parts: PartLine[] = Array.from({ length: lines }, () => ({
      sku: SKUS[random.weighted(skuWeights)] ?? 'SKU-000',
      qty: random.int(1, 2)
    }));
    return {
      id: `order-${i}`,
      regionId: at.regionId,
      location: random.near(at, metroKm(at)),
      priority: 'normal',
      requiredSkills: [...skills],
      requiredCertifications: random.next() < 0.2 ? [random.pick(CERTIFICATIONS)] : [],
      parts
    };
  });
  return { technicians, depots, orders };
}

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

/** Times each call; returns the sorted latencies (ms), the total, and the answers. */
function timeEach<T>(items: readonly DispatchOrder[], work: (o: DispatchOrder) => T) {
  const latencies: number[] = [];
  const answers: T[] = [];
  const start = performance.now();
  for (const o of items) {
    const t0 = performance.now();
    answers.push(work(o));
    latencies.push(performance.now() - t0);
  }
  const totalMs = performance.now() - start;
  return { sorted: [...latencies].sort((a, b) => a - b), totalMs, answers };
}

export async function run(): Promise<void> {
  const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';
  console.log(`load average (1 min) at start: ${load()}`);
  const t0 = performance.now();
  const { technicians, depots, orders } = generate(20261123);
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

  const indexed = timeEach(orders, (o) => decide(o, pool, POLICY, depots, now));
  const kinds = { assigned: 0, offered: 0, 'no-candidate': 0 };
  let reachedRanked = 0;
  for (const d of indexed.answers) {
    kinds[d.type] += 1;
    reachedRanked += d.ranked.length;
  }
  const sampleIndexed = timeEach(sample, (o) => decide(o, pool, POLICY, depots, now));
  const list = timeEach(sample, (o) => decide(o, technicians, POLICY, depots, now));
  const brute = timeEach(sample, (o) => bruteForceDecide(o, technicians, POLICY, depots));

  const chosen = (d: ReturnType<typeof decide>) => (d.type === 'no-candidate' ? null : d.technicianId);
  let listDisagree = 0;
  let bruteDisagree = 0;
  sample.forEach((_, i) => {
    const a = sampleIndexed.answers[i];
    const b = list.answers[i];
    if (a === undefined || b === undefined) return;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      listDisagree++;
      if (process.env.DEBUG_DISPATCH) console.log(JSON.stringify(a), '\n', JSON.stringify(b));
    }
    if (chosen(a) !== brute.answers[i]) bruteDisagree++;
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
