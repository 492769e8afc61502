// The period the profit view shows, in the viewer's own zone: today, the last 7 or 30 days (today
// included), or whole days they pick. Days start at the browser's local midnight, which is the zone the
// server is told for the trend's days.
export const PRESETS = ['today', '7d', '30d', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface PeriodChoice {
  preset: Preset;
  /** 'YYYY-MM-DD', both included; custom only. */
  from?: string;
  to?: string;
}

const PRESET_DAYS: Record<Exclude<Preset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };

export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const localMidnight = (d: Date, addDays = 0) =>
  new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays);

function parseDay(day: string | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** The instants [from, to) of a choice; null for a custom range that is incomplete or backwards. */
export function periodRange(choice: PeriodChoice, nowMs: number): { from: Date; to: Date } | null {
  const now = new Date(nowMs);
  if (choice.preset !== 'custom')
    return { from: localMidnight(now, 1 - PRESET_DAYS[choice.preset]), to: now };
  const from = parseDay(choice.from);
  const last = parseDay(choice.to);
  if (!from || !last || last < from) return null;
  return { from, to: localMidnight(last, 1) };
}

/** 'YYYY-MM-DD' of a local date, for the date inputs. */
export const dayInput = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
