// Finance's filters and the query they make. Days are Beijing calendar days, as the server counts them.
import type { FinanceSettlementView } from '$realtime/contract';

export const PERIOD_PRESETS = ['today', '7d', '30d', 'month', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Re-declared from dispatcher/settlement/status.ts (the console imports no runtime code from there). */
export const SETTLEMENT_STATUSES = [
  'quoted',
  'frozen',
  'void'
] as const satisfies readonly FinanceSettlementView['status'][];

export interface FinanceFilters {
  preset: PeriodPreset;
  /** 'YYYY-MM-DD', Beijing. */
  from: string;
  to: string;
  /** '' for every one the user may see. */
  regionId: string;
  /** '' for all, 'none' for technicians without a partner. */
  partnerId: string;
  status: string;
}

const DAY_MS = 86_400_000;
const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The days a preset covers, ending today; a custom range keeps what the user typed. */
/** `now` in epoch milliseconds. */
export function presetRange(preset: PeriodPreset, now: number, custom = { from: '', to: '' }) {
  const today = beijingDay(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: beijingDay(now - 6 * DAY_MS), to: today };
    case '30d':
      return { from: beijingDay(now - 29 * DAY_MS), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'custom':
      return custom;
  }
}

export function defaultFilters(now: number): FinanceFilters {
  return { preset: '30d', ...presetRange('30d', now), regionId: '', partnerId: '', status: '' };
}

/** The query string of the list and the statement: empty filters left out. */
export function financeQuery(f: FinanceFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string> = {
    from: f.from,
    to: f.to,
    regionId: f.regionId,
    partnerId: f.partnerId,
    status: f.status,
    ...extra
  };
  for (const [key, value] of Object.entries(all)) if (value) params.set(key, value);
  return params.toString();
}
