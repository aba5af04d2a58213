/** Time as the server sees it; tests pass a clock they control (sessions, rate limits, audit). */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
