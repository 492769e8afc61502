/** Injected everywhere time matters, so tests drive hours of time in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
