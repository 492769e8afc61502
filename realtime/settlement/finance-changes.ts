// What one settlement write moves in finance's rollup (`finance_rollup`): the settlement as it was
// stored leaves its rows, the settlement as it is stored now joins its rows, with the figures finance's
// statement sums (dispatcher/settlement/totals.ts). A requote keeps the hour it was first quoted; a
// freeze or a void moves the settlement to another status's rows; a payout's change moves its money.
import type { FinanceRollupChange, NewSettlement, StoredSettlement } from '../../db';
import type { Payout } from '../../dispatcher/settlement/milestones';
import { DIRECT, totalsOf } from '../../dispatcher/settlement/totals';

type Keyed = Pick<NewSettlement, 'quotedAt' | 'regionId' | 'partnerId' | 'status' | 'quote' | 'shares'>;

function change(
  row: Keyed,
  payouts: readonly Pick<Payout, 'amount' | 'status'>[],
  sign: 1 | -1
): FinanceRollupChange {
  return {
    key: {
      quotedAt: row.quotedAt,
      regionId: row.regionId,
      partnerId: row.partnerId ?? DIRECT,
      status: row.status
    },
    totals: totalsOf({ status: row.status, lines: row.quote.lines, shares: row.shares, payouts }),
    sign
  };
}

/** The changes of storing `row` with `payouts` over what was stored before (nothing for a new one). */
export function financeChanges(
  before: StoredSettlement | undefined,
  row: NewSettlement,
  payouts: readonly Payout[]
): FinanceRollupChange[] {
  const now = change(row, payouts, 1);
  return before ? [change(before.row, before.payouts, -1), now] : [now];
}
