/** Time, passed in so workflows and steps are testable and replayable (STYLE.md, Wiring). */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
