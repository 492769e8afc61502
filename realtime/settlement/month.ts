// A statement month is a calendar month in Beijing time (UTC+8, no daylight saving), as technicians
// and finance count it.
const CST_OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM' of the Beijing date at `at`. */
export const monthOf = (at: Date): string => new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 7);

/** The instants [from, to) of a 'YYYY-MM' month. */
export function monthSpan(month: string): { from: Date; to: Date } {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return {
    from: new Date(Date.UTC(year, m - 1, 1) - CST_OFFSET_MS),
    to: new Date(Date.UTC(year, m, 1) - CST_OFFSET_MS)
  };
}
