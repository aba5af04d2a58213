/** Any source of "now" in epoch milliseconds (the client package's `Clock` fits). */
export interface TimeSource {
  now(): number;
}

export const systemTime: TimeSource = { now: () => Date.now() };

/**
 * Emulator time: an injected base clock plus an offset that the control plane moves
 * (`POST /_emulator/clock/advance`). The offset is part of the persisted state so a restart keeps
 * GDAP expiry, NCE windows and pending orders where they were.
 */
export class EmulatorClock {
  constructor(
    private readonly base: TimeSource,
    private offsetMs = 0,
  ) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the emulator clock only moves forward');
    this.offsetMs += ms;
  }

  /** Sets emulator time to `epochMs`; refuses to go back so that no state machine runs in reverse. */
  set(epochMs: number): void {
    const delta = epochMs - this.now();
    this.advance(delta);
  }

  restoreOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}

/** Parses an ISO-8601 duration (`P730D`, `P2Y`, `PT0S`, `P1Y2M3DT4H5M6S`) into milliseconds. Years are 365 days, months 30. */
export function parseIsoDuration(value: string): number | undefined {
  const m = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, w, d, h, mi, s] = m;
  const day = 86_400_000;
  return (
    Number(y ?? 0) * 365 * day +
    Number(mo ?? 0) * 30 * day +
    Number(w ?? 0) * 7 * day +
    Number(d ?? 0) * day +
    Number(h ?? 0) * 3_600_000 +
    Number(mi ?? 0) * 60_000 +
    Number(s ?? 0) * 1000
  );
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Adds calendar months (term durations P1M/P1Y/P3Y) to an epoch time, in UTC. */
export function addTerm(startMs: number, termDuration: string): number {
  const d = new Date(startMs);
  const months = termDuration === 'P1M' ? 1 : termDuration === 'P1Y' ? 12 : termDuration === 'P3Y' ? 36 : 0;
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
