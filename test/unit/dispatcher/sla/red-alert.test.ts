import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RED_ALERT_RULE,
  detectRedAlert,
  type RedAlertRule
} from '../../../../dispatcher/sla/red-alert';
import { MINUTE } from '../../../../dispatcher/sla/time';

const rule = DEFAULT_RED_ALERT_RULE;

describe('red-alert keywords', () => {
  it('raises an order that mentions a gas leak to critical with a 30-minute response and the top level told', () => {
    expect(detectRedAlert(rule, { description: '厨房燃气泄漏，闻到很大的味道', fields: {} })).toEqual({
      keywords: ['燃气泄漏'],
      priority: 'critical',
      responseMs: 30 * MINUTE,
      escalateToTop: true
    });
  });

  it('finds keywords in form fields, however deeply nested, and names each once in the list’s order', () => {
    const alert = detectRedAlert(rule, {
      description: '冷柜不制冷',
      fields: { notes: ['门店反映', { detail: '顾客食用后过敏，涉及食品安全' }], floor: 3, checked: true }
    });
    expect(alert?.keywords).toEqual(['过敏', '食品安全']);
  });

  it('matches across full and half width, letter case and spaces typed between the characters', () => {
    const custom: RedAlertRule = { keywords: ['LPG 泄漏', '漏电'], responseMs: 30 * MINUTE };
    const alert = detectRedAlert(custom, { description: 'ｌｐｇ　泄 漏；插座漏　电', fields: {} });
    expect(alert?.keywords).toEqual(['LPG 泄漏', '漏电']);
  });

  it('does not join the end of one field with the start of the next into a keyword', () => {
    expect(detectRedAlert(rule, { description: '燃气', fields: { note: '泄漏' } })).toBeNull();
  });

  it('leaves an ordinary order alone', () => {
    expect(
      detectRedAlert(rule, { description: '洗衣机脱水时噪音大', fields: { model: 'XQG100' } })
    ).toBeNull();
  });

  it('ignores a keyword that is empty once spaces are dropped', () => {
    expect(
      detectRedAlert({ keywords: ['　'], responseMs: MINUTE }, { description: '任何文字', fields: {} })
    ).toBeNull();
  });
});
