import { describe, expect, it } from 'vitest';
import { iso, MIN, slaRow, T0 } from '$lib/testing/sla-rows';
import { byTimeToBreach, standingAt, type RowStanding } from './standing';

describe('standingAt', () => {
  it('counts down from the due time, whatever the server’s remainingMs said at its `at`', () => {
    const row = slaRow('a', { remainingMs: 999 * MIN });
    expect(standingAt(row, T0 + 10 * MIN)).toEqual({ band: 'on_track', remainingMs: 20 * MIN });
  });

  it('turns to warning at the warning point and to breached at the due time', () => {
    const row = slaRow('a');
    expect(standingAt(row, T0 + 22.5 * MIN - 1).band).toBe('on_track');
    expect(standingAt(row, T0 + 22.5 * MIN).band).toBe('warning');
    expect(standingAt(row, T0 + 30 * MIN)).toEqual({ band: 'breached', remainingMs: 0 });
    expect(standingAt(row, T0 + 95 * MIN)).toEqual({ band: 'breached', remainingMs: -65 * MIN });
  });

  it('keeps the server’s band when the wall’s clock lags behind it', () => {
    const row = slaRow('a', { band: 'breached' });
    expect(standingAt(row, T0).band).toBe('breached');
  });

  it('shows a paused clock’s remaining time frozen', () => {
    const row = slaRow('a', { band: 'paused', dueAt: null, warningAt: null, remainingMs: 7 * MIN });
    expect(standingAt(row, T0 + 600 * MIN)).toEqual({ band: 'paused', remainingMs: 7 * MIN });
  });
});

describe('byTimeToBreach', () => {
  const at = (row: ReturnType<typeof slaRow>): RowStanding => ({ row, ...standingAt(row, T0) });

  it('puts the longest overdue first, red alerts first on a tie, and paused clocks last', () => {
    const rows = [
      at(slaRow('paused', { band: 'paused', dueAt: null, remainingMs: -90 * MIN })),
      at(slaRow('later', { dueAt: iso(T0 + 50 * MIN) })),
      at(slaRow('plain')),
      at(slaRow('red', { redAlert: ['漏电'] })),
      at(slaRow('overdue', { dueAt: iso(T0 - 5 * MIN) }))
    ];
    expect(rows.sort(byTimeToBreach).map((s) => s.row.orderId)).toEqual([
      'overdue',
      'red',
      'plain',
      'later',
      'paused'
    ]);
  });
});
