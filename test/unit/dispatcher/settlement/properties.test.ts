import fc from 'fast-check';
import { describe, it } from 'vitest';
import { divRound } from '../../../../dispatcher/pricing/money';
import type { PriceTable } from '../../../../dispatcher/pricing/price-table';
import { quote, type Quote } from '../../../../dispatcher/pricing/quote';
import type { QuoteFacts } from '../../../../dispatcher/pricing/rules';
import { PAYEES, type Payee } from '../../../../dispatcher/settlement/milestones';
import { PARTIES } from '../../../../dispatcher/settlement/party';
import { settle } from '../../../../dispatcher/settlement/settle';
import { splitLabour, type SplitPolicy } from '../../../../dispatcher/settlement/split';
import { factsArb, policyArb, PROPERTY_TIMEOUT_MS, RUNS, tableArb, termsArb } from './arbitraries';

const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
const who = { regionId: 'north', partnerId: null } as const;
const orderArb = tableArb.chain((table) =>
  fc.record({ table: fc.constant(table), facts: factsArb(table), terms: termsArb })
);

function quoted(table: PriceTable, facts: QuoteFacts): Quote {
  const result = quote(table, facts);
  if (result.type !== 'quoted') throw new Error(result.type);
  return result.quote;
}

/**
 * The exact shares of the labour as fractions numerator / denominator, in BigInt: the platform's rate of
 * each bracket on the part of the labour inside it, the rest between partner and technician by ratio.
 */
function exactShares(labour: number, { ratios, platformTiers }: SplitPolicy) {
  const brackets = [{ from: 0, platform: ratios.platform }, ...platformTiers];
  const platform = brackets.reduce((sum, b, k) => {
    const end = Math.min(labour, brackets[k + 1]?.from ?? Infinity);
    return sum + BigInt(Math.max(0, end - b.from)) * BigInt(b.platform);
  }, 0n);
  const rest = BigInt(labour) * 10_000n - platform;
  const pair = BigInt(ratios.partner + ratios.technician);
  return {
    platform: { n: platform, d: 10_000n },
    partner: { n: rest * BigInt(ratios.partner), d: 10_000n * pair },
    technician: { n: rest * BigInt(ratios.technician), d: 10_000n * pair }
  };
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
}

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

const COEFFICIENTS = [
  'difficulty',
  'regional',
  'altitude',
  'season',
  'urgency',
  'afterHours',
  'crossRegion'
] as const;

/** The table with one coefficient raised by `by`: the one this order would use, where there is a choice. */
function raised(
  table: PriceTable,
  facts: QuoteFacts,
  which: (typeof COEFFICIENTS)[number],
  by: number
): PriceTable {
  const t = structuredClone(table);
  const item = t.items.find((i) => i.id === facts.itemId);
  switch (which) {
    case 'difficulty':
      if (item) item.difficulty += by;
      break;
    case 'regional':
      t.regional[facts.regionId][`tier${facts.cityTier}`] += by;
      break;
    case 'altitude':
      t.altitude.coefficient += by;
      break;
    case 'season':
      for (const s of t.seasons) s.coefficient += by;
      break;
    case 'urgency':
      t.urgency[facts.priority] += by;
      break;
    case 'afterHours':
      t.afterHours.coefficient += by;
      break;
    case 'crossRegion':
      t.crossRegion += by;
  }
  return t;
}

describe(`settlement properties (${RUNS} cases each)`, { timeout: PROPERTY_TIMEOUT_MS }, () => {
  // Plain booleans rather than expect() inside the properties: at 10⁵ cases, expect's bookkeeping
  // would take most of the time; fast-check still reports the smallest failing case.
  it('sums the lines to the total and the shares and payouts to it exactly', () => {
    fc.assert(
      fc.property(orderArb, ({ table, facts, terms }) => {
        const s = settle(quoted(table, facts), terms, who);
        const { lines, total, labour } = s.quote;
        const paidTo = (payee: Payee) => sum(s.payouts.filter((p) => p.payee === payee).map((p) => p.amount));
        return (
          lines.every((l) => l.amount === divRound(l.basis * l.factor, 10_000)) &&
          sum(lines.map((l) => l.amount)) === total &&
          sum(PARTIES.map((p) => s.labourShares[p])) === labour &&
          sum(PARTIES.map((p) => s.shares[p])) === total &&
          PAYEES.every((payee) => paidTo(payee) === s.shares[payee])
        );
      }),
      { numRuns: RUNS }
    );
  });

  it('keeps each share strictly within one fen of its exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), policyArb, (labour, policy) => {
        const shares = splitLabour(labour, policy);
        const exact = exactShares(labour, policy);
        return PARTIES.every((p) => {
          const { n, d } = exact[p];
          const off = BigInt(shares[p]) * d - n;
          return off < d && -off < d;
        });
      }),
      { numRuns: RUNS }
    );
  });

  it('gives the same settlement for the same input, without changing the input', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const copy = JSON.parse(JSON.stringify(order)) as typeof order;
        // Frozen, so that a rule writing to its input throws (modules run in strict mode).
        deepFreeze(order);
        const first = JSON.stringify(settle(quoted(order.table, order.facts), order.terms, who));
        return JSON.stringify(settle(quoted(copy.table, copy.facts), copy.terms, who)) === first;
      }),
      { numRuns: RUNS }
    );
  });

  it("never lowers the technician's pay when a coefficient is raised", () => {
    fc.assert(
      fc.property(
        orderArb,
        fc.constantFrom(...COEFFICIENTS),
        fc.integer({ min: 1, max: 10_000 }),
        ({ table, facts, terms }, which, by) => {
          const pay = (t: PriceTable) => settle(quoted(t, facts), terms, who).shares.technician;
          return pay(raised(table, facts, which, by)) >= pay(table);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('never lowers any share when the labour grows by a fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), policyArb, (labour, policy) => {
        const before = splitLabour(labour, policy);
        const after = splitLabour(labour + 1, policy);
        return PARTIES.every((p) => after[p] >= before[p]);
      }),
      { numRuns: RUNS }
    );
  });

  it('keeps every number of a settlement a safe integer', () => {
    fc.assert(
      fc.property(orderArb, ({ table, facts, terms }) =>
        numbersIn(settle(quoted(table, facts), terms, who)).every(Number.isSafeInteger)
      ),
      { numRuns: RUNS }
    );
  });
});
