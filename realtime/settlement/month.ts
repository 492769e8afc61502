// A statement month is a calendar month in Beijing time (UTC+8, no daylight saving), as technicians
// and finance count it; finance's days and timestamps are Beijing's too.
const CST_OFFSET_MS = 8 * 3_600_000;

const beijing = (at: Date) => new Date(at.getTime() + CST_OFFSET_MS).toISOString();

/** 'YYYY-MM' of the Beijing date at `at`. */
export const monthOf = (at: Date): string => beijing(at).slice(0, 7);

/** 'YYYY-MM-DD' of the Beijing date at `at`. */
export const dayOf = (at: Date): string => beijing(at).slice(0, 10);

/** `at` in Beijing time with its offset: '2026-11-23T10:00:00.000+08:00', as a spreadsheet reads it. */
export const beijingIso = (at: Date): string => `${beijing(at).slice(0, 23)}+08:00`;

/** The instant a 'YYYY-MM-DD' Beijing day begins. */
export const dayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00+08:00`));

/** The instants [from, to) of a 'YYYY-MM' month. */
export function monthSpan(month: string): { from: Date; to: Date } {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return {
    from: new Date(Date.UTC(year, m - 1, 1) - CST_OFFSET_MS),
    to: new Date(Date.UTC(year, m, 1) - CST_OFFSET_MS)
  };
}
