import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStepDeadline } from './step-deadline';

describe('step deadline (paused while a call waits in the rate limiter)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const now = () => Date.now();

  it('expires after the timeout of time not spent queued', () => {
    let expired = 0;
    const d = startStepDeadline(1000, () => expired++, now);
    vi.advanceTimersByTime(400);
    const leave = d.queued();
    vi.advanceTimersByTime(5000); // queued: does not count
    expect(expired).toBe(0);
    leave();
    vi.advanceTimersByTime(599);
    expect(expired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(expired).toBe(1);
  });

  it('stays paused while any of several concurrent calls is queued, and a wait ended twice counts once', () => {
    let expired = 0;
    const d = startStepDeadline(1000, () => expired++, now);
    const a = d.queued();
    const b = d.queued();
    vi.advanceTimersByTime(3000);
    a();
    a();
    vi.advanceTimersByTime(3000);
    expect(expired).toBe(0);
    b();
    vi.advanceTimersByTime(1000);
    expect(expired).toBe(1);
  });

  it('never fires once stopped', () => {
    let expired = 0;
    const d = startStepDeadline(1000, () => expired++, now);
    const leave = d.queued();
    d.stop();
    leave();
    vi.advanceTimersByTime(10_000);
    expect(expired).toBe(0);
  });
});
