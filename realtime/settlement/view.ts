// What leaves the server about a settlement, and what the technician is owed of it.
import type { PayoutRow, StoredSettlement } from '../../db';
import { MILESTONES } from '../../dispatcher/settlement/milestones';
import type { EarningsView, SettlementView } from '../contract';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** By payee, then in payment order (completion before acceptance), then by id. */
const paymentOrder = (a: PayoutRow, b: PayoutRow) =>
  a.payee.localeCompare(b.payee) ||
  MILESTONES.indexOf(a.milestone) - MILESTONES.indexOf(b.milestone) ||
  a.id.localeCompare(b.id);

/** The technician's share and where each fen of it stands (adjustments included, voided parts not). */
export function technicianEarnings(payouts: readonly PayoutRow[]): EarningsView {
  const e: EarningsView = { share: 0, pending: 0, payable: 0, paid: 0 };
  for (const p of payouts) {
    if (p.payee !== 'technician' || p.status === 'void') continue;
    e.share += p.amount;
    e[p.status] += p.amount;
  }
  return e;
}

export function toSettlementView({ row, payouts }: StoredSettlement): SettlementView {
  return {
    orderId: row.orderId,
    regionId: row.regionId,
    technicianId: row.technicianId,
    version: row.version,
    status: row.status,
    tableId: row.tableId,
    tableVersion: row.tableVersion,
    lines: row.quote.lines,
    total: row.total,
    shares: row.shares,
    technician: technicianEarnings(payouts),
    payouts: [...payouts].sort(paymentOrder).map((p) => ({
      id: p.id,
      payee: p.payee,
      milestone: p.milestone,
      amount: p.amount,
      status: p.status,
      reason: p.reason,
      payableAt: iso(p.payableAt),
      paidAt: iso(p.paidAt)
    })),
    surcharges: row.facts.surcharges.map((s) => ({
      kind: s.kind,
      reason: s.reason,
      at: new Date(s.at).toISOString()
    })),
    quotedAt: row.quotedAt.toISOString(),
    frozenAt: iso(row.frozenAt)
  };
}
