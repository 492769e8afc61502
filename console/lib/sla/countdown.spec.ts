import { describe, expect, it } from 'vitest';
import { Locale } from '$lib/i18n/locale.svelte';
import { countdown, countdownText } from './countdown';

const t = new Locale().t;

describe('countdown', () => {
  it('reads m:ss under an hour and h:mm:ss from there', () => {
    expect(countdown(65_000)).toEqual({ overdue: false, days: 0, clock: '1:05' });
    expect(countdown(3_600_000)).toEqual({ overdue: false, days: 0, clock: '1:00:00' });
    expect(countdown(3 * 3_600_000 + 4 * 60_000 + 5_000).clock).toBe('3:04:05');
  });

  it('rounds time left up, so 0:00 never shows while any is left', () => {
    expect(countdown(1).clock).toBe('0:01');
    expect(countdown(59_001).clock).toBe('1:00');
  });

  it('is overdue from the due time on, rounding the time overdue down', () => {
    expect(countdown(0)).toEqual({ overdue: true, days: 0, clock: '0:00' });
    expect(countdown(-999)).toEqual({ overdue: true, days: 0, clock: '0:00' });
    expect(countdown(-42_500)).toEqual({ overdue: true, days: 0, clock: '0:42' });
  });

  it('counts whole days apart', () => {
    expect(countdown(2 * 86_400_000 + 3_600_000)).toEqual({ overdue: false, days: 2, clock: '1:00:00' });
  });
});

describe('countdownText', () => {
  it('marks overdue time with a minus sign and names days in the user’s language', () => {
    expect(countdownText(t, -42_500)).toBe('\u22120:42');
    expect(countdownText(t, 86_400_000 + 5_000)).toBe('1 天 0:00:05');
    const en = new Locale();
    en.set('en');
    expect(countdownText(en.t, -(86_400_000 + 5_000))).toBe('\u22121 d 0:00:05');
  });
});
