import { describe, expect, it } from 'vitest';
import { DEMO_PRICE_TABLE } from '../../../../dispatcher/pricing/demo-table';
import { quote, type Quote } from '../../../../dispatcher/pricing/quote';
import { adjustmentEvent, type Adjustment } from '../../../../dispatcher/settlement/adjustments';
import { DEMO_SETTLEMENT_TERMS } from '../../../../dispatcher/settlement/demo-terms';
import { schedulePayouts } from '../../../../dispatcher/settlement/milestones';
import {
  adjust,
  pay,
  payableTo,
  reach,
  settle,
  type Settlement
} from '../../../../dispatcher/settlement/settle';
import { facts } from './facts';

function quoted(...args: Parameters<typeof facts>): Quote {
  const result = quote(DEMO_PRICE_TABLE, facts(...args));
  if (result.type !== 'quoted') throw new Error(result.type);
  return result.quote;
}

const who = { regionId: 'north', partnerId: null } as const;
/** 400 × 1.5 = 600元 with a 91元 part the technician bought. */
const commissioning = settle(
  quoted({
    itemId: 'equipment_commissioning',
    parts: [{ sku: '空调-7A', name: '铜管', quantity: 2, unitCost: 4_550, supplier: 'technician' }]
  }),
  DEMO_SETTLEMENT_TERMS,
  who
);

function adjusted(settlement: Settlement, adjustment: Adjustment): Settlement {
  const result = adjust(settlement, adjustment);
  if (result.type !== 'adjusted') throw new Error(result.reason);
  return result.settlement;
}

const complaint: Adjustment = {
  id: 'c-1',
  kind: 'deduction',
  payee: 'technician',
  amount: 5_000,
  reason: '客户投诉：未清理现场',
  milestone: 'accepted'
};

describe('settling an order', () => {
  it('splits the labour and pays each part back to its supplier, summing to the total', () => {
    expect(commissioning.labourShares).toEqual({ platform: 11_800, partner: 6_025, technician: 42_175 });
    expect(commissioning.shares).toEqual({ platform: 11_800, partner: 6_025, technician: 51_275 });
    expect(commissioning.quote.total).toBe(69_100);
    expect(commissioning).toMatchObject({ termsId: 'cn-standard', termsVersion: 1, reached: [] });
  });

  it('pays 70 % on completion and 30 % on acceptance, an odd fen sooner', () => {
    expect(commissioning.payouts).toEqual([
      {
        id: 'technician:completed',
        payee: 'technician',
        milestone: 'completed',
        amount: 35_893,
        status: 'pending'
      },
      {
        id: 'technician:accepted',
        payee: 'technician',
        milestone: 'accepted',
        amount: 15_382,
        status: 'pending'
      },
      { id: 'partner:completed', payee: 'partner', milestone: 'completed', amount: 4_218, status: 'pending' },
      { id: 'partner:accepted', payee: 'partner', milestone: 'accepted', amount: 1_807, status: 'pending' }
    ]);
  });

  it('follows a configured schedule, leaving out parts of 0 fen', () => {
    const allAtOnce = schedulePayouts({ platform: 1, partner: 0, technician: 10 }, [
      { milestone: 'completed', share: 10_000 }
    ]);
    expect(allAtOnce).toEqual([
      {
        id: 'technician:completed',
        payee: 'technician',
        milestone: 'completed',
        amount: 10,
        status: 'pending'
      }
    ]);
  });
});

describe('payouts: pending → payable → paid', () => {
  it('makes a milestone payable when reached, and only then lets finance pay it, once', () => {
    expect(pay(commissioning, 'technician:completed')).toEqual({
      type: 'refused',
      reason: 'not-payable-yet'
    });
    const completed = reach(commissioning, 'completed');
    expect(reach(completed, 'completed')).toBe(completed);
    expect(payableTo(completed, 'technician')).toBe(35_893);
    const paid = pay(completed, 'technician:completed');
    if (paid.type !== 'paid') throw new Error(paid.reason);
    expect(paid.settlement.payouts[0]?.status).toBe('paid');
    expect(payableTo(paid.settlement, 'technician')).toBe(0);
    expect(pay(paid.settlement, 'technician:completed')).toEqual({ type: 'refused', reason: 'already-paid' });
    expect(pay(paid.settlement, 'nobody:ever')).toEqual({ type: 'refused', reason: 'unknown-payout' });
  });

  it('keeps an adjustment as its own line with its reason, netted with its milestone', () => {
    const withComplaint = adjusted(reach(commissioning, 'completed'), complaint);
    expect(withComplaint.payouts.at(-1)).toEqual({
      id: 'adjustment:c-1',
      payee: 'technician',
      milestone: 'accepted',
      amount: -5_000,
      status: 'pending',
      reason: '客户投诉：未清理现场'
    });
    expect(withComplaint.quote.total).toBe(69_100);
    const accepted = reach(withComplaint, 'accepted');
    expect(payableTo(accepted, 'technician')).toBe(35_893 + 15_382 - 5_000);
  });

  it('makes a bonus for a milestone already reached payable at once, and refuses the same id twice', () => {
    const bonus: Adjustment = {
      ...complaint,
      id: 'b-1',
      kind: 'bonus',
      amount: 2_000,
      reason: '好评奖励',
      milestone: 'completed'
    };
    const withBonus = adjusted(reach(commissioning, 'completed'), bonus);
    expect(withBonus.payouts.at(-1)).toMatchObject({ amount: 2_000, status: 'payable' });
    expect(adjust(withBonus, bonus)).toEqual({ type: 'refused', reason: 'duplicate-id' });
    expect(() => adjust(commissioning, { ...bonus, amount: 0 })).toThrow(RangeError);
  });

  it('records who adjusted which order and why, for the audit log', () => {
    expect(adjustmentEvent('wo-1', complaint, 'finance-1')).toEqual({
      type: 'settlement.adjusted',
      aggregateType: 'work_order',
      aggregateId: 'wo-1',
      actor: 'finance-1',
      payload: { before: null, after: complaint, reason: complaint.reason }
    });
  });
});
