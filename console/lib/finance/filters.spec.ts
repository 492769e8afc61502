import { describe, expect, it } from 'vitest';
import { financeQuery, presetRange } from './filters';
import { yuanGrouped } from './money';

// 01:30 on 1 December in Beijing is still 30 November in UTC: the presets count Beijing days.
const NOW = Date.parse('2026-11-30T17:30:00Z');

describe('finance filters', () => {
  it('turns each preset into Beijing days ending today', () => {
    expect(presetRange('today', NOW)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('7d', NOW)).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(presetRange('30d', NOW)).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(presetRange('month', NOW)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('custom', NOW, { from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: '2026-10-01',
      to: '2026-10-31'
    });
  });

  it('leaves empty filters out of the query', () => {
    const q = financeQuery(
      { preset: 'today', from: '2026-12-01', to: '2026-12-01', regionId: 'east', partnerId: '', status: '' },
      { cursor: 'abc' }
    );
    expect(q).toBe('from=2026-12-01&to=2026-12-01&regionId=east&cursor=abc');
  });

  it('shows fen as grouped 元 without a float', () => {
    expect(yuanGrouped(123_456_789)).toBe('¥1,234,567.89');
    expect(yuanGrouped(-5)).toBe('-¥0.05');
  });
});
