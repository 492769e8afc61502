// Where an SLA board row stands at a given moment, derived from its due and warning times. Pure, so the
// countdowns are tested by setting the time, not by waiting.
import type { SlaBand, SlaBoardRow } from '$realtime/contract';

export interface SlaStanding {
  band: SlaBand;
  /** Time left until the breach (negative: overdue by that much). */
  remainingMs: number;
}

const SEVERITY: Record<SlaBand, number> = { paused: -1, on_track: 0, warning: 1, breached: 2 };

/**
 * A running clock's time left is its due time minus `now`: the wall time until it breaches, which is what
 * a countdown promises even where a business-hours calendar stops counting overnight. A paused clock
 * (no due time) shows the remaining time the server froze. The band is never milder than the server's:
 * the server may have stamped a breach that the wall's own clock, running a little behind, has not reached.
 */
export function standingAt(row: SlaBoardRow, now: number): SlaStanding {
  if (row.band === 'paused' || row.dueAt === null) return { band: row.band, remainingMs: row.remainingMs };
  const remainingMs = Date.parse(row.dueAt) - now;
  const derived: SlaBand =
    remainingMs <= 0
      ? 'breached'
      : row.warningAt !== null && now >= Date.parse(row.warningAt)
        ? 'warning'
        : 'on_track';
  return { band: SEVERITY[derived] >= SEVERITY[row.band] ? derived : row.band, remainingMs };
}

export interface RowStanding extends SlaStanding {
  row: SlaBoardRow;
}

/**
 * The board's order: running clocks by time to breach (the longest overdue first), red alerts first on a
 * tie; paused clocks last, since none of them comes closer to breach while it waits.
 */
export function byTimeToBreach(a: RowStanding, b: RowStanding): number {
  const paused = Number(a.band === 'paused') - Number(b.band === 'paused');
  return (
    paused ||
    a.remainingMs - b.remainingMs ||
    Number(b.row.redAlert !== null) - Number(a.row.redAlert !== null) ||
    a.row.orderId.localeCompare(b.row.orderId)
  );
}
