import { describe, expect, it } from 'vitest';
import { DEMO_PRICE_TABLE } from '../../../../dispatcher/pricing/demo-table';
import { quote } from '../../../../dispatcher/pricing/quote';
import { DEMO_SETTLEMENT_TERMS } from '../../../../dispatcher/settlement/demo-terms';
import { replayPast } from '../../../../dispatcher/settlement/past';
import { settle } from '../../../../dispatcher/settlement/settle';
import { facts } from './facts';

const HOUR = 3_600_000;
const priced = quote(DEMO_PRICE_TABLE, facts({ itemId: 'ac_install' }));
if (priced.type !== 'quoted') throw new Error(priced.type);
const quoted = settle(priced.quote, DEMO_SETTLEMENT_TERMS, { regionId: 'north', partnerId: null });
const completedAt = Date.parse('2026-11-10T12:00:00+08:00');
const runs = [
  { reference: 'PAY-20261109', at: completedAt - 26 * HOUR },
  { reference: 'PAY-20261116', at: completedAt + 6 * 24 * HOUR - 2 * HOUR }
];
const deduction = {
  id: 'complaint',
  kind: 'deduction',
  payee: 'technician',
  amount: 5_000,
  reason: '上门迟到超过两小时（客户投诉）',
  milestone: 'accepted'
} as const;

describe('a settlement replayed after the fact', () => {
  it('pays in the first run after each milestone what became payable then, with the run as reference', () => {
    const past = replayPast(
      quoted,
      'o-1',
      { completedAt, acceptedAt: completedAt + 30 * HOUR, deduction },
      runs,
      'system:demo'
    );
    expect(past.settlement.reached).toEqual(['completed', 'accepted']);
    expect(past.settlement.payouts.every((p) => p.status === 'paid')).toBe(true);
    expect(past.settlement.payouts.find((p) => p.id === 'adjustment:complaint')?.amount).toBe(-5_000);
    expect(past.payoutTimes.get('technician:completed')).toEqual({
      payableAt: new Date(completedAt),
      paidAt: new Date(runs[1]?.at ?? 0)
    });
    expect(past.events.map((e) => e.type)).toEqual([
      'settlement.frozen',
      'settlement.adjusted',
      'settlement.paid'
    ]);
    expect(past.events[2]?.payload).toMatchObject({ reference: 'PAY-20261116' });
  });

  it('leaves the acceptance part pending when the customer has not accepted, and unpaid what no run followed', () => {
    const past = replayPast(
      quoted,
      'o-2',
      { completedAt, acceptedAt: null, deduction: null },
      runs.slice(0, 1),
      'x'
    );
    const status = Object.fromEntries(past.settlement.payouts.map((p) => [p.id, p.status]));
    expect(status).toEqual({
      'technician:completed': 'payable',
      'technician:accepted': 'pending',
      'partner:completed': 'payable',
      'partner:accepted': 'pending'
    });
    expect(past.payoutTimes.get('technician:completed')?.paidAt).toBeNull();
    expect(past.events.map((e) => e.type)).toEqual(['settlement.frozen']);
  });
});
