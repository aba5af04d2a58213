import { describe, expect, it } from 'vitest';
import { cancellableRead } from './cancellable-read';

/** A read that answers when the test says so, and records the signal it was given. */
function pendingRead<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const answer = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  const read = { signal: undefined as AbortSignal | undefined, resolve, reject, start: (signal: AbortSignal) => ((read.signal = signal), answer) };
  return read;
}
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('cancellableRead', () => {
  it('aborts the older search when a newer one starts, and the older answer, arriving last, never replaces the newer', async () => {
    const shown: string[] = [];
    const older = pendingRead<string>();
    const newer = pendingRead<string>();
    const stopOlder = cancellableRead(older.start, (v) => shown.push(v), () => shown.push('error'));
    // The next keystroke: the reader calls off the read before starting the next (useApi's effect).
    stopOlder();
    cancellableRead(newer.start, (v) => shown.push(v), () => shown.push('error'));
    expect(older.signal!.aborted).toBe(true);
    expect(newer.signal!.aborted).toBe(false);
    newer.resolve('matches for "sca"');
    older.resolve('matches for "sc"');
    await settled();
    expect(shown).toEqual(['matches for "sca"']);
  });

  it('drops the error of a read called off (the abort itself), and reports the error of one still wanted', async () => {
    const errors: unknown[] = [];
    const aborted = pendingRead<string>();
    cancellableRead(aborted.start, () => undefined, (e) => errors.push(e))();
    aborted.reject(new Error('aborted'));
    const failing = pendingRead<string>();
    cancellableRead(failing.start, () => undefined, (e) => errors.push(e));
    failing.reject(new Error('HTTP 500'));
    await settled();
    expect(errors).toEqual([new Error('HTTP 500')]);
  });
});
