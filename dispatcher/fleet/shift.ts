// Technician shifts: the daily hours a technician works, in China Standard Time (UTC+8 all year, no
// daylight saving), so a shift means the same local hours in every region.
export const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;
const CST_OFFSET_MS = 8 * 60 * MS_PER_MINUTE;

/**
 * Every day from `startMin` (included) to `endMin` (excluded), in whole minutes after local midnight,
 * both 0–1439. `endMin < startMin` wraps midnight (20:00–08:00 is a night shift); `endMin === startMin`
 * is round the clock.
 */
export interface Shift {
  startMin: number;
  endMin: number;
}

const isMinuteOfDay = (m: unknown): m is number =>
  typeof m === 'number' && Number.isInteger(m) && m >= 0 && m < MINUTES_PER_DAY;

/**
 * The shift of two stored columns. Both null means no shift limits (null); so does a half-set or
 * out-of-range pair, which storage does not prevent: such a technician stays dispatchable rather than
 * silently never.
 */
export function shiftOf(startMin: number | null, endMin: number | null): Shift | null {
  return isMinuteOfDay(startMin) && isMinuteOfDay(endMin) ? { startMin, endMin } : null;
}

/** Milliseconds since local (CST) midnight at `at`. */
function localMsOfDay(at: Date): number {
  return (((at.getTime() + CST_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

/** Whether `at` falls within the shift; a technician without one (null) is always on shift. */
export function isOnShift(shift: Shift | null, at: Date): boolean {
  if (!shift || shift.startMin === shift.endMin) return true;
  const t = localMsOfDay(at);
  const start = shift.startMin * MS_PER_MINUTE;
  const end = shift.endMin * MS_PER_MINUTE;
  return start < end ? start <= t && t < end : t >= start || t < end;
}

/** "08:00" for 480. */
export function formatMinuteOfDay(min: number): string {
  const h = Math.floor(min / 60);
  return `${String(h).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
