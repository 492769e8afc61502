// The daily rollup of finance's totals (`finance_daily`), moved by the settlement engine in the
// transaction that writes a settlement or its payouts: the settlement as it was leaves its row, the
// settlement as it is now joins its row (the same row, unless its status moved).
import { sql } from 'drizzle-orm';
import { emptyTotals, TOTALS_FIGURES, type Totals } from '../../dispatcher/settlement/totals';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import type { Transaction } from '../client';
import { financeDaily } from '../schema';
import { jsonRows } from './json-rows';

export interface FinanceDayKey {
  /** The Beijing date the settlement was quoted, 'YYYY-MM-DD'. */
  day: string;
  regionId: string;
  /** '' for technicians without a partner. */
  partnerId: string;
  status: SettlementStatus;
}

/** A settlement's figures joining (+1) or leaving (-1) the row of its key. */
export interface FinanceDayChange {
  key: FinanceDayKey;
  totals: Totals;
  sign: 1 | -1;
}

/**
 * Adds the changes to their rows: one upsert for the batch, the changes to one row summed first (an
 * upsert may touch a row once) and the rows taken in key order, so that two transactions moving the
 * same rows lock them in the same order. Rows left unchanged (a requote to the same price) are not touched.
 */
export async function addToFinanceDaily(
  tx: Transaction,
  changes: readonly FinanceDayChange[]
): Promise<void> {
  const rows = new Map<string, FinanceDayKey & Totals>();
  for (const { key, totals, sign } of changes) {
    const id = `${key.day} ${key.regionId} ${key.partnerId} ${key.status}`;
    const row = rows.get(id) ?? { ...key, ...emptyTotals() };
    for (const k of TOTALS_FIGURES) row[k] += sign * totals[k];
    rows.set(id, row);
  }
  const moved = [...rows]
    .filter(([, row]) => TOTALS_FIGURES.some((k) => row[k] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (moved.length === 0) return;
  await tx
    .insert(financeDaily)
    .select(jsonRows(financeDaily, moved))
    .onConflictDoUpdate({
      target: [financeDaily.day, financeDaily.regionId, financeDaily.partnerId, financeDaily.status],
      set: Object.fromEntries(
        TOTALS_FIGURES.map((k) => [k, sql`${financeDaily[k]} + ${sql.raw(`excluded.${k}`)}`])
      )
    });
}
