// Finance's totals over a set of settlements: by region, by partner and by period, each computed from
// the settlements' own lines and payouts, so a statement's totals are the sum of what it lists, to
// the fen. A void settlement (its order was cancelled) counts as a settlement but earns nothing: its
// lines and shares are left out, while its payouts still count as what they are (a paid part and its
// clawback did move money). Incremental, so a year of orders can be summed as it streams past.
import type { Fen } from '../pricing/money';
import type { PayoutStatus } from './milestones';
import type { PerParty } from './party';
import type { SettlementStatus } from './status';

/** The figures of Totals, in the order finance lists them. */
export const TOTALS_FIGURES = [
  'settlements',
  'total',
  'platform',
  'partner',
  'technician',
  'pending',
  'payable',
  'paid'
] as const;

export interface Totals {
  settlements: number;
  /** The sum of the lines of the settlements that are not void. */
  total: Fen;
  platform: Fen;
  partner: Fen;
  technician: Fen;
  /** Payouts by status (void ones are not money). */
  pending: Fen;
  payable: Fen;
  paid: Fen;
}

export interface TotalsItem {
  regionId: string;
  /** null: the technician works for the platform directly. */
  partnerId: string | null;
  /** The day or month the settlement counts in, as the caller buckets them ('2026-11-23', '2026-11'). */
  period: string;
  status: SettlementStatus;
  lines: readonly { amount: Fen }[];
  shares: PerParty<Fen>;
  payouts: readonly { amount: Fen; status: PayoutStatus }[];
}

export interface FinanceTotals {
  all: Totals;
  byRegion: Record<string, Totals>;
  /** By partner id; '' for technicians without a partner. */
  byPartner: Record<string, Totals>;
  byPeriod: Record<string, Totals>;
}

export const DIRECT = '';

export const emptyTotals = (): Totals => ({
  settlements: 0,
  total: 0,
  platform: 0,
  partner: 0,
  technician: 0,
  pending: 0,
  payable: 0,
  paid: 0
});

export const emptyFinanceTotals = (): FinanceTotals => ({
  all: emptyTotals(),
  byRegion: {},
  byPartner: {},
  byPeriod: {}
});

/** What one settlement adds to any totals it counts in. */
export type TotalsPart = Pick<TotalsItem, 'status' | 'lines' | 'shares' | 'payouts'>;

function addTo(t: Totals, item: TotalsPart): void {
  t.settlements += 1;
  if (item.status !== 'void') {
    for (const line of item.lines) t.total += line.amount;
    t.platform += item.shares.platform;
    t.partner += item.shares.partner;
    t.technician += item.shares.technician;
  }
  for (const p of item.payouts) if (p.status !== 'void') t[p.status] += p.amount;
}

/** One settlement's figures alone: what it adds to (or, gone, takes from) a rollup's row. */
export function totalsOf(item: TotalsPart): Totals {
  const t = emptyTotals();
  addTo(t, item);
  return t;
}

/** Adds one settlement to the running totals (changes `totals`). */
export function addToFinanceTotals(totals: FinanceTotals, item: TotalsItem): void {
  addTo(totals.all, item);
  addTo((totals.byRegion[item.regionId] ??= emptyTotals()), item);
  addTo((totals.byPartner[item.partnerId ?? DIRECT] ??= emptyTotals()), item);
  addTo((totals.byPeriod[item.period] ??= emptyTotals()), item);
}

export function financeTotals(items: Iterable<TotalsItem>): FinanceTotals {
  const totals = emptyFinanceTotals();
  for (const item of items) addToFinanceTotals(totals, item);
  return totals;
}
