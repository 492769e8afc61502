// Instants and durations of the SLA domain. Instants are epoch milliseconds (UTC), not Dates: SLA state
// is stored and sent as plain JSON, and every rule here is arithmetic on them. Callers convert once, with
// `clock.now().getTime()`.

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type EpochMs = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
