// What completed orders earned and cost, and how the executives' view adds it up. Pure: the database
// groups frozen settlements (or their hourly rollup) by region, service, city and day; this derives each
// settlement's figures, cost and profit, and turns the groups into the report. Integer fen throughout.
//
// revenue    = the settlement's total (labour + parts at cost)
// cost       = the technician's and the partner's share of the labour + the parts at cost
// profit     = revenue − cost = the platform's share of the labour, to the fen (parts are paid back to
//              their supplier outside the split, so they are cost whoever supplies them)
// subsidy    = the amount of the quote's cross-region line; a cross-region order is one that has it
import type { Fen } from '../pricing/money';
import type { LineKey } from '../pricing/rules';
import type { PerParty } from '../settlement/party';

export const PROFIT_FIGURES = [
  'orders',
  'revenue',
  'technician',
  'partner',
  'parts',
  'crossRegionOrders',
  'subsidy'
] as const;
export type ProfitFigure = (typeof PROFIT_FIGURES)[number];

/** Counts and fen that add up across settlements: what the rollup stores per hour, region, city, service. */
export type ProfitFigures = Record<ProfitFigure, number>;

/** Figures with what follows from them. */
export type ProfitLine = ProfitFigures & { cost: Fen; profit: Fen };

/** What a settlement tells about its money: its quote and the split of its labour. */
export interface SettledOrder {
  total: Fen;
  quote: { parts: Fen; lines: readonly { key: LineKey; amount: Fen }[] };
  labourShares: PerParty<Fen>;
}

export const CROSS_REGION_LINE: LineKey = 'cross_region';

export function figuresOf(s: SettledOrder): ProfitFigures {
  const subsidyLines = s.quote.lines.filter((l) => l.key === CROSS_REGION_LINE);
  return {
    orders: 1,
    revenue: s.total,
    technician: s.labourShares.technician,
    partner: s.labourShares.partner,
    parts: s.quote.parts,
    crossRegionOrders: subsidyLines.length > 0 ? 1 : 0,
    subsidy: subsidyLines.reduce((sum, l) => sum + l.amount, 0)
  };
}

export const noFigures = (): ProfitFigures => ({
  orders: 0,
  revenue: 0,
  technician: 0,
  partner: 0,
  parts: 0,
  crossRegionOrders: 0,
  subsidy: 0
});

export function addFigures(a: ProfitFigures, b: ProfitFigures): ProfitFigures {
  const sum = noFigures();
  for (const k of PROFIT_FIGURES) sum[k] = a[k] + b[k];
  return sum;
}

export function withProfit(f: ProfitFigures): ProfitLine {
  const cost = f.technician + f.partner + f.parts;
  return { ...f, cost, profit: f.revenue - cost };
}

/** The database's groups of one period and scope. A day is 'YYYY-MM-DD' in the viewer's time zone. */
export interface ProfitGroups {
  byRegion: { regionId: string; figures: ProfitFigures }[];
  byService: { serviceType: string; figures: ProfitFigures }[];
  byCity: { regionId: string; cityId: string; figures: ProfitFigures }[];
  byDay: { day: string; figures: ProfitFigures }[];
}

export interface ProfitReport {
  totals: ProfitLine;
  /** Every region of the scope, in the order asked, with zeros where nothing completed. */
  byRegion: (ProfitLine & { regionId: string })[];
  /** Service types that completed anything, highest revenue first. */
  byService: (ProfitLine & { serviceType: string })[];
  /** Every day of the period in the viewer's zone, oldest first, zeros included. */
  trend: (ProfitLine & { day: string })[];
  /** The most profitable cities, best first; then the least profitable of the others, worst first. */
  topCities: (ProfitLine & { regionId: string; cityId: string })[];
  bottomCities: (ProfitLine & { regionId: string; cityId: string })[];
}

export const RANKED_CITIES = 5;

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function profitReport(
  groups: ProfitGroups,
  scope: { regionIds: readonly string[]; days: readonly string[] }
): ProfitReport {
  const regionFigures = new Map(groups.byRegion.map((g) => [g.regionId, g.figures]));
  const byRegion = scope.regionIds.map((regionId) => ({
    regionId,
    ...withProfit(regionFigures.get(regionId) ?? noFigures())
  }));
  const dayFigures = new Map(groups.byDay.map((g) => [g.day, g.figures]));
  const cities = groups.byCity
    .map((g) => ({ regionId: g.regionId, cityId: g.cityId, ...withProfit(g.figures) }))
    .sort(byKey((c) => c.cityId))
    .sort((a, b) => b.profit - a.profit);
  const topCities = cities.slice(0, RANKED_CITIES);
  return {
    totals: withProfit(
      groups.byRegion
        .filter((g) => scope.regionIds.includes(g.regionId))
        .reduce((sum, g) => addFigures(sum, g.figures), noFigures())
    ),
    byRegion,
    byService: groups.byService
      .map((g) => ({ serviceType: g.serviceType, ...withProfit(g.figures) }))
      .sort(byKey((s) => s.serviceType))
      .sort((a, b) => b.revenue - a.revenue),
    trend: scope.days.map((day) => ({ day, ...withProfit(dayFigures.get(day) ?? noFigures()) })),
    topCities,
    bottomCities: cities.slice(topCities.length).reverse().slice(0, RANKED_CITIES)
  };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `timeZone` (an IANA name), as 'YYYY-MM-DD'. */
export function localDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit'
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

export function isTimeZone(name: string): boolean {
  try {
    localDay(new Date(0), name);
    return true;
  } catch {
    return false;
  }
}

/** A step no day is shorter than, even on a daylight-saving change: no day of the period is skipped. */
const DAY_STEP_MS = 3 * 3_600_000;

/** The viewer's days that [from, to) touches, oldest first. */
export function daysOf(period: { from: Date; to: Date }, timeZone: string): string[] {
  const days: string[] = [];
  const last = period.to.getTime() - 1;
  for (let t = period.from.getTime(); ; t = Math.min(t + DAY_STEP_MS, last)) {
    const day = localDay(new Date(t), timeZone);
    if (days[days.length - 1] !== day) days.push(day);
    if (t >= last) return days;
  }
}
