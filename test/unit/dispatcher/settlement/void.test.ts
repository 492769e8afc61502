import { describe, expect, it } from 'vitest';
import type { Payout } from '../../../../dispatcher/settlement/milestones';
import { carryOver, CLAWBACK_REASON, voidPayouts } from '../../../../dispatcher/settlement/void';

const part = (id: string, amount: number, status: Payout['status']): Payout => {
  const [payee = 'technician', milestone = 'completed'] = id.split(':') as [
    Payout['payee'],
    Payout['milestone']
  ];
  return { id, payee, milestone, amount, status };
};

describe('voiding a cancelled order’s payouts', () => {
  it('voids what was not paid and claws back what was, once', () => {
    const payouts = [
      part('technician:completed', 700, 'paid'),
      part('technician:accepted', 300, 'payable'),
      part('partner:completed', 70, 'pending'),
      { ...part('technician:accepted', -50, 'payable'), id: 'adjustment:late', reason: '迟到' }
    ];
    const voided = voidPayouts(payouts);
    expect(voided.map((p) => [p.id, p.amount, p.status])).toEqual([
      ['technician:completed', 700, 'paid'],
      ['technician:accepted', 300, 'void'],
      ['partner:completed', 70, 'void'],
      ['adjustment:late', -50, 'payable'],
      ['clawback:technician:completed', -700, 'payable']
    ]);
    expect(voided.at(-1)?.reason).toBe(CLAWBACK_REASON);
    expect(voidPayouts(voided)).toEqual(voided);
  });

  it('keeps paid parts, clawbacks and adjustments through the next quote, numbering a new part on', () => {
    const previous = voidPayouts([
      part('technician:completed', 700, 'paid'),
      part('technician:accepted', 300, 'payable'),
      { ...part('technician:accepted', 100, 'pending'), id: 'adjustment:bonus', reason: '好评' }
    ]);
    const schedule = [
      part('technician:completed', 840, 'pending'),
      part('technician:accepted', 360, 'pending')
    ];
    expect(carryOver(schedule, previous).map((p) => [p.id, p.amount, p.status])).toEqual([
      ['technician:completed#2', 840, 'pending'],
      ['technician:accepted', 360, 'pending'],
      ['technician:completed', 700, 'paid'],
      ['adjustment:bonus', 100, 'pending'],
      ['clawback:technician:completed', -700, 'payable']
    ]);
  });
});
