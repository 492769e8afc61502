// A period cut into the pieces rollups can answer: whole months, then whole days, then whole hours of a
// zone at a fixed offset from UTC, and the ragged minutes left at either end, which only the rows
// themselves can answer. A year is then 11 months, a few dozen days and hours, and two slivers, instead
// of 8,760 hours: what keeps a dashboard over a year of history under 200 ms.
//
// Pure. Buckets start at the zone's midnight (UTC for the profit rollups, Beijing for finance's days).

export type Grain = 'month' | 'day' | 'hour';

/** Half-open: from ≤ t < to. */
export interface Range {
  from: Date;
  to: Date;
}

export type PeriodPieces = Record<Grain | 'raw', Range[]>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The start of the bucket of `grain` holding `t`, in a zone `offsetMinutes` east of UTC. */
export function bucketStart(grain: Grain, t: Date, offsetMinutes = 0): Date {
  const shift = offsetMinutes * 60_000;
  const local = t.getTime() + shift;
  if (grain !== 'month') {
    const size = grain === 'hour' ? HOUR_MS : DAY_MS;
    return new Date(Math.floor(local / size) * size - shift);
  }
  const d = new Date(local);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - shift);
}

/** The start of the next bucket after the one holding `t`. */
function nextBucket(grain: Grain, t: Date, offsetMinutes: number): Date {
  const start = bucketStart(grain, t, offsetMinutes);
  if (grain === 'hour') return new Date(start.getTime() + HOUR_MS);
  if (grain === 'day') return new Date(start.getTime() + DAY_MS);
  const shift = offsetMinutes * 60_000;
  const d = new Date(start.getTime() + shift);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - shift);
}

/** The first bucket boundary at or after `t`. */
function ceilBoundary(grain: Grain, t: Date, offsetMinutes: number): Date {
  const start = bucketStart(grain, t, offsetMinutes);
  return start.getTime() === t.getTime() ? start : nextBucket(grain, t, offsetMinutes);
}

const COARSE_TO_FINE: readonly Grain[] = ['month', 'day', 'hour'];

/**
 * [from, to) as whole buckets of the given grains, coarsest first, and the raw rest. The pieces are
 * disjoint and cover the period exactly; each grain holds at most two ranges (one each side of a coarser
 * one), the raw rest at most two.
 */
export function periodPieces(
  from: Date,
  to: Date,
  options: { grains?: readonly Grain[]; offsetMinutes?: number } = {}
): PeriodPieces {
  const grains = COARSE_TO_FINE.filter((g) => (options.grains ?? COARSE_TO_FINE).includes(g));
  const offset = options.offsetMinutes ?? 0;
  const pieces: PeriodPieces = { month: [], day: [], hour: [], raw: [] };
  const cut = (a: Date, b: Date, level: number): void => {
    if (a >= b) return;
    const grain = grains[level];
    if (grain === undefined) {
      pieces.raw.push({ from: a, to: b });
      return;
    }
    const first = ceilBoundary(grain, a, offset);
    const last = bucketStart(grain, b, offset);
    if (first >= last) {
      cut(a, b, level + 1);
      return;
    }
    cut(a, first, level + 1);
    pieces[grain].push({ from: first, to: last });
    cut(last, b, level + 1);
  };
  cut(from, to, 0);
  return pieces;
}
