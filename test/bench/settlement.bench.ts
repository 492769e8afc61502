// Settlement: price and settle 1,000,000 orders with integer fen and basis points (dispatcher/pricing,
// dispatcher/settlement), against the same rules on decimal.js in the same run. Both run the very same
// rule decisions (`pricingSteps`) on the same orders, table versions and terms; only the arithmetic
// differs, and the two must agree to the fen on every order of the first chunk.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import Decimal from 'decimal.js';
import { CITIES, REGION_IDS, type City } from '../../geo/cities';
import { DEFAULT_REGIONAL_BOUNDS } from '../../dispatcher/pricing/bounds';
import { DEMO_PRICE_TABLE } from '../../dispatcher/pricing/demo-table';
import { BP_ONE, type Bp } from '../../dispatcher/pricing/money';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import { quote } from '../../dispatcher/pricing/quote';
import { pricingSteps, type QuoteFacts } from '../../dispatcher/pricing/rules';
import { versionInForce } from '../../dispatcher/pricing/versions';
import { DEMO_SETTLEMENT_TERMS } from '../../dispatcher/settlement/demo-terms';
import { PAYEES, type MilestoneSchedule, type Payee } from '../../dispatcher/settlement/milestones';
import { PARTIES, type Party, type PerParty } from '../../dispatcher/settlement/party';
import { settle, type Settlement } from '../../dispatcher/settlement/settle';
import type { SplitPolicy } from '../../dispatcher/settlement/split';
import { splitPolicyFor, type SettlementTerms } from '../../dispatcher/settlement/terms';
import { ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { PART_CATALOG } from '../../realtime/demo/catalog';
import { Random } from '../../realtime/demo/random';

/** BENCH_ORDERS=200000 for a quicker look; the recorded figures are for 1,000,000. */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
/** Orders are generated, settled by one path, then by the other, a chunk at a time. */
const CHUNK = 10_000;
/** Orders both paths settle untimed first: compared line by line, measured for heap kept, and warm-up. */
const SAMPLE = 20_000;
const SEED = 20261124;
const PARTNERS = 60;
const YEAR = 2026;

/** Twelve monthly versions of the demo table, each region's coefficients moved within HQ's bounds. */
function monthlyTables(random: Random): PriceTable[] {
  return Array.from({ length: 12 }, (_, month) => {
    const regional = structuredClone(DEMO_PRICE_TABLE.regional);
    for (const id of REGION_IDS)
      for (const tier of ['tier1', 'tier2', 'tier3'] as const) {
        const { min, max } = DEFAULT_REGIONAL_BOUNDS.byTier[tier];
        regional[id][tier] = Math.min(max, Math.max(min, regional[id][tier] + 50 * random.int(-10, 10)));
      }
    return {
      ...DEMO_PRICE_TABLE,
      version: month + 1,
      effectiveFrom: Date.UTC(YEAR, month, 1) - 8 * 3_600_000,
      effectiveTo: month === 11 ? null : Date.UTC(YEAR, month + 1, 1) - 8 * 3_600_000,
      regional
    };
  });
}

function policy(random: Random): SplitPolicy {
  const platform = 100 * random.int(12, 25);
  const partner = 100 * random.int(5, 15);
  return {
    ratios: { platform, partner, technician: BP_ONE - platform - partner },
    platformTiers: [
      { from: 50_000, platform: platform - 200 },
      { from: 100_000, platform: platform - 500 },
      { from: 200_000, platform: platform - 800 }
    ]
  };
}

function terms(random: Random): SettlementTerms {
  return {
    ...DEMO_SETTLEMENT_TERMS,
    byRegion: Object.fromEntries(REGION_IDS.map((id) => [id, policy(random)])),
    byPartner: Object.fromEntries(
      Array.from({ length: PARTNERS }, (_, i) => [`partner-${i}`, policy(random)])
    )
  };
}

interface Order {
  facts: QuoteFacts;
  who: { regionId: QuoteFacts['regionId']; partnerId: string | null };
}

/** Orders around the cities by population, items by how often each kind of work comes in. */
function orderMaker(random: Random): () => Order {
  const cityWeights = CITIES.map((c) => c.population);
  const items = DEMO_PRICE_TABLE.items.map((i) => i.id);
  const itemWeights = items.map((id) =>
    id === 'ac_repair' || id === 'ac_install' ? 6 : id === 'urgent_add_on' ? 1 : 3
  );
  const priorityWeights = [15, 60, 20, 5];
  return () => {
    const city = CITIES[random.weighted(cityWeights)] as City;
    const away = random.next();
    return {
      facts: {
        itemId: items[random.weighted(itemWeights)] ?? 'ac_repair',
        regionId: city.regionId,
        cityTier: city.tier,
        altitudeM: city.elevationM,
        serviceAt: Date.UTC(YEAR, 0, 1) + random.int(0, 365 * 24 * 60 - 1) * 60_000,
        priority: ORDER_PRIORITIES[random.weighted(priorityWeights)] ?? 'normal',
        technicianRegionId: away < 0.05 ? null : away < 0.1 ? random.pick(REGION_IDS) : city.regionId,
        parts: Array.from({ length: random.weighted([50, 30, 15, 5]) }, () => {
          const part = random.pick(PART_CATALOG);
          return {
            sku: part.sku,
            name: part.name,
            quantity: random.weighted([80, 15, 5]) + 1,
            unitCost: random.int(...part.costFen),
            supplier: random.next() < 0.8 ? ('platform' as const) : ('technician' as const)
          };
        })
      },
      who: {
        regionId: city.regionId,
        partnerId: random.next() < 0.7 ? `partner-${random.int(0, PARTNERS - 1)}` : null
      }
    };
  };
}

function settleInteger(tables: PriceTable[], terms: SettlementTerms, order: Order): Settlement {
  const table = versionInForce(tables, order.facts.serviceAt);
  const quoted = table && quote(table, order.facts);
  if (quoted?.type !== 'quoted') throw new Error('no quote');
  return settle(quoted.quote, terms, order.who);
}

// The baseline: decimal yuan with two places, rounded as dispatcher/pricing/money.ts rounds (halves
// towards +∞, ROUND_HALF_CEIL), the platform's share with ties to the rest (ROUND_HALF_FLOOR).
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_CEIL });
type Dec = Decimal;
const ZERO = new Dec(0);
const CENT = new Dec('0.01');
/** Coefficients as decimals, converted once per distinct value, as a decimal-based table would store them. */
const decimals = new Map<number, Dec>();
const coefficient = (bp: Bp): Dec => {
  let d = decimals.get(bp);
  if (!d) decimals.set(bp, (d = new Dec(bp).div(BP_ONE)));
  return d;
};
const yuanOf = (fen: number): Dec => new Dec(fen).div(100);
const toCents = (d: Dec, rounding: Decimal.Rounding = Decimal.ROUND_HALF_CEIL) =>
  d.toDecimalPlaces(2, rounding);

interface DecimalSettlement {
  lines: { key: string; label: string; basis: Dec; amount: Dec }[];
  labour: Dec;
  total: Dec;
  shares: PerParty<Dec>;
  payouts: { payee: Payee; milestone: string; amount: Dec }[];
}

/** Largest remainder in cents: floors, then one cent each to the largest remainders, ties earlier. */
function decimalAllocate(total: Dec, exact: Dec[]): Dec[] {
  const parts = exact.map((e) => toCents(e, Decimal.ROUND_FLOOR));
  const remainders = exact.map((e, i) => e.minus(parts[i] ?? ZERO));
  let left = total
    .minus(parts.reduce((s, p) => s.plus(p), ZERO))
    .div(CENT)
    .toNumber();
  const order = remainders
    .map((_, i) => i)
    .sort((a, b) => remainders[b]!.comparedTo(remainders[a]!) || a - b);
  for (const i of order) if (left-- > 0) parts[i] = parts[i]!.plus(CENT);
  return parts;
}

function decimalPayouts(shares: PerParty<Dec>, schedule: MilestoneSchedule) {
  return PAYEES.flatMap((payee) => {
    const amounts = decimalAllocate(
      shares[payee],
      schedule.map((m) => shares[payee].times(coefficient(m.share)))
    );
    return schedule.map((m, i) => ({ payee, milestone: m.milestone, amount: amounts[i] ?? ZERO }));
  });
}

function settleDecimal(tables: PriceTable[], terms: SettlementTerms, order: Order): DecimalSettlement {
  const table = versionInForce(tables, order.facts.serviceAt);
  const chosen = table && pricingSteps(table, order.facts);
  if (chosen?.type !== 'steps') throw new Error('no quote');
  const lines: DecimalSettlement['lines'] = [];
  let labour = ZERO;
  let parts = ZERO;
  const back: [Party, Dec][] = [];
  for (const step of chosen.steps) {
    if (step.type === 'at-cost') {
      const amount = yuanOf(step.unitCost).times(step.quantity);
      parts = parts.plus(amount);
      back.push([step.supplier, amount]);
      lines.push({ key: step.key, label: step.label, basis: yuanOf(step.unitCost), amount });
    } else {
      const basis = step.type === 'fee' ? yuanOf(step.amount) : labour;
      const amount =
        step.type === 'fee' ? basis : toCents(labour.times(coefficient(step.coefficient).minus(1)));
      labour = labour.plus(amount);
      lines.push({ key: step.key, label: step.label, basis, amount });
    }
  }
  const { ratios, platformTiers } = splitPolicyFor(terms, order.who.regionId, order.who.partnerId);
  let exact = ZERO;
  let bracketFrom = ZERO;
  let rate = coefficient(ratios.platform);
  for (const tier of platformTiers.map((t) => ({ from: yuanOf(t.from), rate: coefficient(t.platform) }))) {
    if (labour.lte(tier.from)) break;
    exact = exact.plus(tier.from.minus(bracketFrom).times(rate));
    ({ from: bracketFrom, rate } = tier);
  }
  const platform = toCents(exact.plus(labour.minus(bracketFrom).times(rate)), Decimal.ROUND_HALF_FLOOR);
  const rest = labour.minus(platform);
  const technician = toCents(rest.times(ratios.technician).div(ratios.technician + ratios.partner));
  const shares: PerParty<Dec> = { platform, partner: rest.minus(technician), technician };
  for (const [party, amount] of back) shares[party] = shares[party].plus(amount);
  return {
    lines,
    labour,
    total: labour.plus(parts),
    shares,
    payouts: decimalPayouts(shares, terms.milestones)
  };
}

/** Whether both paths gave the same fen everywhere (payouts of 0 fen are left out of the integer one). */
function agree(a: Settlement, b: DecimalSettlement): boolean {
  const fen = (d: Dec) => d.times(100).toNumber();
  const payouts = b.payouts.filter((p) => !p.amount.isZero());
  return (
    a.quote.total === fen(b.total) &&
    a.quote.lines.every((l, i) => b.lines[i] !== undefined && l.amount === fen(b.lines[i].amount)) &&
    PARTIES.every((p) => a.shares[p] === fen(b.shares[p])) &&
    a.payouts.length === payouts.length &&
    a.payouts.every((p, i) => payouts[i] !== undefined && p.amount === fen(payouts[i].amount))
  );
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface PathFigures {
  ms: number;
  /** CPU time of the process (all its threads, the collector's included): what other load barely moves. */
  cpuMs: number;
  /** heapUsed at the end of each chunk, garbage included: the most seen. */
  peakHeapUsed: number;
}

/**
 * Settles every order without keeping the results, as a service stores each and moves on (keeping a
 * chunk's results alive made the collector most of the time of both paths). Returns the technicians'
 * total in fen, so the work cannot be optimised away and both paths can be compared.
 */
function timeChunk(path: PathFigures, orders: Order[], technicianFen: (o: Order) => number): number {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let sum = 0;
  for (const o of orders) sum += technicianFen(o);
  const used = process.cpuUsage(cpu);
  path.ms += performance.now() - start;
  path.cpuMs += (used.user + used.system) / 1000;
  path.peakHeapUsed = Math.max(path.peakHeapUsed, process.memoryUsage().heapUsed);
  return sum;
}

/** Heap that settlements keep alive, per settlement, between two full collections. */
function retainedBytes(orders: Order[], work: (o: Order) => unknown): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept = orders.map(work);
  collectGarbage();
  return (process.memoryUsage().heapUsed - before) / kept.length;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average (1, 5, 15 min) at start: ${load()}`);
  const random = new Random(SEED);
  const tables = monthlyTables(random);
  const settlementTerms = terms(random);
  const nextOrder = orderMaker(random);
  const integerPath = (o: Order) => settleInteger(tables, settlementTerms, o);
  const decimalPath = (o: Order) => settleDecimal(tables, settlementTerms, o);
  console.log(
    `${count(ORDERS)} orders in chunks of ${count(CHUNK)}; ${tables.length} monthly table versions, ` +
      `${REGION_IDS.length} regional and ${PARTNERS} partner split policies with 3 platform tiers`
  );

  // Check and warm up both paths on a sample of their own, so that the timings compare optimised code.
  const sample = Array.from({ length: SAMPLE }, nextOrder);
  const settled = sample.map(integerPath);
  const differing = sample.filter((o, i) => !agree(settled[i] as Settlement, decimalPath(o))).length;
  console.log(`integer and decimal.js settlements differing on a sample of ${count(SAMPLE)}: ${differing}`);
  if (differing > 0)
    throw new Error(`${differing} settlements differ between integer and decimal arithmetic`);
  const lines = settled.reduce((n, s) => n + s.quote.lines.length, 0);
  const total = settled.reduce((n, s) => n + s.quote.total, 0);
  const technician = settled.reduce((n, s) => n + s.shares.technician, 0);
  console.log(
    `${(lines / SAMPLE).toFixed(2)} lines per order; average total ${(total / SAMPLE / 100).toFixed(2)}元, ` +
      `technician ${((100 * technician) / total).toFixed(1)} % of it (parts at cost go mostly to the platform)`
  );
  const kept = { integer: retainedBytes(sample, integerPath), decimal: retainedBytes(sample, decimalPath) };

  collectGarbage();
  console.log(
    `heapUsed before the timed run, after a full collection: ${mb(process.memoryUsage().heapUsed)}`
  );
  const integer: PathFigures = { ms: 0, cpuMs: 0, peakHeapUsed: 0 };
  const decimal: PathFigures = { ms: 0, cpuMs: 0, peakHeapUsed: 0 };
  const sums = { integer: 0, decimal: 0 };
  for (let chunk = 0; chunk * CHUNK < ORDERS; chunk++) {
    const orders = Array.from({ length: Math.min(CHUNK, ORDERS - chunk * CHUNK) }, nextOrder);
    const runs = [
      () => (sums.integer += timeChunk(integer, orders, (o) => integerPath(o).shares.technician)),
      () =>
        (sums.decimal += timeChunk(decimal, orders, (o) =>
          decimalPath(o).shares.technician.times(100).toNumber()
        ))
    ];
    // Alternate which path goes first, so that neither always meets the other's leftover garbage.
    for (const path of chunk % 2 === 0 ? runs : runs.reverse()) path();
  }
  if (sums.integer !== sums.decimal)
    throw new Error(`technician totals differ: ${sums.integer} vs ${sums.decimal}`);

  const perSecond = (ms: number) => (ORDERS / ms) * 1000;
  const row = (name: string, p: PathFigures, bytes: number) =>
    `  ${name.padEnd(28)} ${count(perSecond(p.ms)).padStart(9)} settlements/s wall clock, ` +
    `${count(perSecond(p.cpuMs)).padStart(9)} per CPU second (${((p.cpuMs * 1000) / ORDERS).toFixed(2)} µs CPU each); ` +
    `${count(bytes)} B of heap kept per settlement; heapUsed up to ${mb(p.peakHeapUsed)}`;
  console.log(row('integer fen + basis points', integer, kept.integer));
  console.log(row('decimal.js (same rules)', decimal, kept.decimal));
  console.log(
    `  ratio ×${(decimal.ms / integer.ms).toFixed(1)} wall clock, ×${(decimal.cpuMs / integer.cpuMs).toFixed(1)} in CPU time, ` +
      `×${(kept.decimal / kept.integer).toFixed(1)} in heap kept; technicians' total equal on both: ${count(sums.integer / 100)}元`
  );
  console.log(`load average (1, 5, 15 min) at end: ${load()}`);
}
