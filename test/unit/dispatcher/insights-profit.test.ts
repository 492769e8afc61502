import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFigures,
  daysOf,
  figuresOf,
  noFigures,
  profitReport,
  PROFIT_FIGURES,
  RANKED_CITIES,
  withProfit,
  type ProfitFigures,
  type ProfitGroups
} from '../../../dispatcher/insights/profit';
import type { PriceTable } from '../../../dispatcher/pricing/price-table';
import { quote } from '../../../dispatcher/pricing/quote';
import type { QuoteFacts } from '../../../dispatcher/pricing/rules';
import { settle, type Settlement } from '../../../dispatcher/settlement/settle';
import { factsArb, tableArb, termsArb } from './settlement/arbitraries';

const REGIONS = ['north', 'east', 'south'];
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];

function settled(table: PriceTable, facts: QuoteFacts, terms: Parameters<typeof settle>[1]): Settlement {
  const result = quote(table, facts);
  if (result.type !== 'quoted') throw new Error(result.type);
  return settle(result.quote, terms, { regionId: 'north', partnerId: null });
}

/** A completed order: a real settlement of random facts, placed in a region, city, service and day. */
const orderArb = tableArb.chain((table) =>
  fc.record({
    settlement: fc
      .record({ facts: factsArb(table), terms: termsArb })
      .map(({ facts, terms }) => settled(table, facts, terms)),
    regionId: fc.constantFrom(...REGIONS),
    city: fc.integer({ min: 0, max: 7 }),
    serviceType: fc.constantFrom('ac_repair', 'washer', 'fridge'),
    day: fc.constantFrom(...DAYS)
  })
);
type Order = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

const figures = (s: Settlement) =>
  figuresOf({ total: s.quote.total, quote: s.quote, labourShares: s.labourShares });
const sumOf = (orders: readonly Order[]) =>
  orders.reduce((sum, o) => addFigures(sum, figures(o.settlement)), noFigures());
const cityOf = (o: Order) => `${o.regionId}-${o.city}`;

/** What GROUP BY answers: one group per distinct key, the sum of its orders. */
function groupBy<K extends string>(orders: readonly Order[], key: (o: Order) => K) {
  const groups = new Map<K, Order[]>();
  for (const o of orders) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return [...groups].map(([k, members]) => ({ key: k, first: members[0] as Order, figures: sumOf(members) }));
}

function groupsOf(orders: readonly Order[]): ProfitGroups {
  return {
    byRegion: groupBy(orders, (o) => o.regionId).map((g) => ({ regionId: g.key, figures: g.figures })),
    byService: groupBy(orders, (o) => o.serviceType).map((g) => ({ serviceType: g.key, figures: g.figures })),
    byCity: groupBy(orders, cityOf).map((g) => ({
      regionId: g.first.regionId,
      cityId: g.key,
      figures: g.figures
    })),
    byDay: groupBy(orders, (o) => o.day).map((g) => ({ day: g.key, figures: g.figures }))
  };
}

const figuresOnly = (line: ProfitFigures): ProfitFigures =>
  Object.fromEntries(PROFIT_FIGURES.map((k) => [k, line[k]])) as ProfitFigures;
const sumLines = (lines: readonly ProfitFigures[]) =>
  lines.reduce((sum, l) => addFigures(sum, figuresOnly(l)), noFigures());

describe('the profit report', () => {
  it('makes profit the platform’s share of the labour: revenue = technician + partner + parts + profit', () => {
    fc.assert(
      fc.property(orderArb, ({ settlement: s }) => {
        const line = withProfit(figures(s));
        expect(line.profit).toBe(s.labourShares.platform);
        expect(line.revenue).toBe(line.technician + line.partner + line.parts + line.profit);
        // Parts are paid back to their supplier inside the shares; the report counts them once, as cost.
        const platformParts = s.quote.lines
          .filter((l) => l.supplier === 'platform')
          .reduce((sum, l) => sum + l.amount, 0);
        expect(line.profit).toBe(s.shares.platform - platformParts);
      })
    );
  });

  it('adds up: every region, service, city and day is the sum of its orders, and each view sums to the totals', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 40 }), (orders) => {
        const report = profitReport(groupsOf(orders), { regionIds: REGIONS, days: DAYS });
        const all = sumOf(orders);
        expect(figuresOnly(report.totals)).toEqual(all);
        expect(report.totals.profit).toBe(
          orders.reduce((sum, o) => sum + o.settlement.labourShares.platform, 0)
        );

        for (const r of report.byRegion)
          expect(figuresOnly(r)).toEqual(sumOf(orders.filter((o) => o.regionId === r.regionId)));
        for (const s of report.byService)
          expect(figuresOnly(s)).toEqual(sumOf(orders.filter((o) => o.serviceType === s.serviceType)));
        for (const d of report.trend)
          expect(figuresOnly(d)).toEqual(sumOf(orders.filter((o) => o.day === d.day)));
        for (const c of [...report.topCities, ...report.bottomCities])
          expect(figuresOnly(c)).toEqual(sumOf(orders.filter((o) => cityOf(o) === c.cityId)));

        expect(sumLines(report.byRegion)).toEqual(all);
        expect(sumLines(report.byService)).toEqual(all);
        expect(sumLines(report.trend)).toEqual(all);
        expect(report.byRegion.map((r) => r.regionId)).toEqual(REGIONS);
        expect(report.trend.map((d) => d.day)).toEqual(DAYS);
      })
    );
  });

  it('ranks cities: the top five by profit, then the worst of the rest, none twice', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 40 }), (orders) => {
        const { topCities, bottomCities } = profitReport(groupsOf(orders), {
          regionIds: REGIONS,
          days: DAYS
        });
        const cities = new Set(orders.map(cityOf));
        expect(topCities.length).toBe(Math.min(RANKED_CITIES, cities.size));
        expect(bottomCities.length).toBe(Math.min(RANKED_CITIES, cities.size - topCities.length));
        const ranked = [...topCities, ...[...bottomCities].reverse()].map((c) => c.profit);
        expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
        expect(new Set([...topCities, ...bottomCities].map((c) => c.cityId)).size).toBe(
          topCities.length + bottomCities.length
        );
      })
    );
  });
});

describe('the days of a period', () => {
  it('are the viewer’s calendar days, across a daylight-saving change too', () => {
    const period = { from: new Date('2026-03-01T16:00:00Z'), to: new Date('2026-03-03T16:00:00Z') };
    expect(daysOf(period, 'Asia/Shanghai')).toEqual(['2026-03-02', '2026-03-03']);
    expect(daysOf(period, 'UTC')).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    const dst = { from: new Date('2026-03-08T05:00:00Z'), to: new Date('2026-03-10T04:00:00Z') };
    expect(daysOf(dst, 'America/New_York')).toEqual(['2026-03-08', '2026-03-09']);
  });
});
