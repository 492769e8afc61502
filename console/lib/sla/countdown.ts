// How a countdown reads on the wall: "12:05", "3:04:05", "2 天 3:04:05", and "−0:42" once overdue.
import type { Locale } from '$lib/i18n/locale.svelte';

export interface Countdown {
  overdue: boolean;
  days: number;
  /** "m:ss" under an hour, "h:mm:ss" from there. */
  clock: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Before the due time the seconds are rounded up, so "0:00" never shows while time is left; from the due
 * time on, the time overdue is rounded down, so a clock reads "−0:00" in its first second late.
 */
export function countdown(ms: number): Countdown {
  const overdue = ms <= 0;
  const total = overdue ? Math.floor(Math.abs(ms) / 1000) : Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return { overdue, days, clock: h > 0 || days > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}` };
}

/** The countdown as text; a true minus sign (U+2212) marks overdue time, beside the band's own label. */
export function countdownText(t: Locale['t'], ms: number): string {
  const { overdue, days, clock } = countdown(ms);
  const time = days > 0 ? t('sla.countdown.days', { d: days, time: clock }) : clock;
  return overdue ? `\u2212${time}` : time;
}
