// Finance's rollup (`finance_rollup`), moved by the settlement engine in the transaction that writes a
// settlement or its payouts: the settlement as it was leaves the rows of its day and its hour, the
// settlement as it is now joins them (the same rows, unless its status moved).
import { bucketStart } from '../../dispatcher/insights/period-pieces';
import { emptyTotals, TOTALS_FIGURES, type Totals } from '../../dispatcher/settlement/totals';
import type { SettlementStatus } from '../../dispatcher/settlement/status';
import type { Transaction } from '../client';
import { financeRollup } from '../schema';
import { addRows, runWrites } from './add-rows';

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

function signed(totals: Totals, sign: 1 | -1): Totals {
  const out = emptyTotals();
  for (const k of TOTALS_FIGURES) out[k] = sign * totals[k];
  return out;
}

/**
 * Adds the changes to their rows in one upsert (rows summed, ordered and left out when unchanged, as
 * `addRows` does): a requote to the same price touches nothing.
 */
export async function addToFinanceRollup(
  tx: Transaction,
  changes: readonly FinanceRollupChange[]
): Promise<void> {
  const rows = changes.flatMap(({ key, totals, sign }) =>
    FINANCE_GRAINS.map((grain) => ({
      grain,
      start: bucketStart(grain, key.quotedAt, FINANCE_OFFSET_MINUTES),
      regionId: key.regionId,
      partnerId: key.partnerId,
      status: key.status,
      ...signed(totals, sign)
    }))
  );
  await runWrites(tx, [
    addRows(tx, financeRollup, ['grain', 'start', 'regionId', 'partnerId', 'status'], TOTALS_FIGURES, rows)
  ]);
}
