// Finance's rollup (`finance_rollup`), moved by the settlement engine in the transaction that writes a
// settlement or its payouts: the settlement as it was leaves the rows of its day and its hour, the
// settlement as it is now joins them (the same rows, unless its status moved).
import { sql } from 'drizzle-orm';
import { bucketStart } from '../../dispatcher/insights/period-pieces';
import { emptyTotals, TOTALS_FIGURES, type Totals } from '../../dispatcher/settlement/totals';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import type { Transaction } from '../client';
import { financeRollup } from '../schema';
import { jsonRows } from './json-rows';

/** Finance's days are Beijing's (UTC+8, no daylight saving). */
export const FINANCE_OFFSET_MINUTES = 480;
export const FINANCE_GRAINS = ['day', 'hour'] as const;

export interface FinanceRollupKey {
  quotedAt: Date;
  regionId: string;
  /** '' for technicians without a partner. */
  partnerId: string;
  status: SettlementStatus;
}

/** A settlement's figures joining (+1) or leaving (-1) the rows of its key. */
export interface FinanceRollupChange {
  key: FinanceRollupKey;
  totals: Totals;
  sign: 1 | -1;
}

type Row = typeof financeRollup.$inferInsert & Totals;

/**
 * Adds the changes to their rows: one upsert for the batch, the changes to one row summed first (an
 * upsert may touch a row once) and the rows taken in key order, so that two transactions moving the
 * same rows lock them in the same order. Rows left unchanged (a requote to the same price) are not touched.
 */
export async function addToFinanceRollup(
  tx: Transaction,
  changes: readonly FinanceRollupChange[]
): Promise<void> {
  const rows = new Map<string, Row>();
  for (const { key, totals, sign } of changes)
    for (const grain of FINANCE_GRAINS) {
      const start = bucketStart(grain, key.quotedAt, FINANCE_OFFSET_MINUTES);
      const id = `${grain} ${start.toISOString()} ${key.regionId} ${key.partnerId} ${key.status}`;
      const { regionId, partnerId, status } = key;
      const row = rows.get(id) ?? { grain, start, regionId, partnerId, status, ...emptyTotals() };
      for (const k of TOTALS_FIGURES) row[k] += sign * totals[k];
      rows.set(id, row);
    }
  const moved = [...rows]
    .filter(([, row]) => TOTALS_FIGURES.some((k) => row[k] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (moved.length === 0) return;
  await tx
    .insert(financeRollup)
    .select(jsonRows(financeRollup, moved))
    .onConflictDoUpdate({
      target: [
        financeRollup.grain,
        financeRollup.start,
        financeRollup.regionId,
        financeRollup.partnerId,
        financeRollup.status
      ],
      set: Object.fromEntries(
        TOTALS_FIGURES.map((k) => [k, sql`${financeRollup[k]} + ${sql.raw(`excluded.${k}`)}`])
      )
    });
}
