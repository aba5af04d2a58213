/**
 * The timeout of one step attempt, paused while the attempt's calls wait in a rate limiter.
 *
 * A step's timeout bounds its own work and the remote service's answers. Time spent queued behind
 * the client's rate limiter (other runs' calls to the same partner, a shared budget that is spent)
 * is the product waiting its turn, not the step being slow: counting it would time out steps in
 * proportion to how many runs are in flight, and each timed-out attempt would queue again. So the
 * deadline stops while any call of the attempt is queued and resumes with the time that was left.
 */
export interface StepDeadline {
  /** Called when a call starts waiting in a limiter; the function it returns, when the wait ends. */
  queued(): () => void;
  /** Clears the timer (the attempt finished). */
  stop(): void;
}

/** Starts a deadline of `timeoutMs` of non-queued time; `onExpire` runs once when it passes. */
export function startStepDeadline(timeoutMs: number, onExpire: () => void, now: () => number = () => performance.now()): StepDeadline {
  let remaining = timeoutMs;
  let runningSince = now();
  let timer: NodeJS.Timeout | undefined = setTimeout(expire, remaining);
  let waiting = 0;
  let done = false;

  function expire() {
    timer = undefined;
    if (done) return;
    done = true;
    onExpire();
  }

  return {
    queued() {
      if (done) return () => {};
      if (waiting++ === 0 && timer) {
        clearTimeout(timer);
        timer = undefined;
        remaining -= now() - runningSince;
      }
      let ended = false;
      return () => {
        if (ended || done) return;
        ended = true;
        if (--waiting === 0) {
          runningSince = now();
          timer = setTimeout(expire, Math.max(0, remaining));
        }
      };
    },
    stop() {
      done = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
