import type { Principal } from './principal';

/** How long a checked session is trusted without asking the database again (see `SessionCache`). */
export const SESSION_CACHE_MS = 5_000;
/** Sessions kept at most; the oldest goes first past it. */
const KEPT = 10_000;

interface Entry {
  principal: Principal;
  /** The session's expiry as last written (checked against the clock on every use). */
  expiresAt: Date;
  /** When the expiry was last slid forward in the database (the sliding write happens at most once a minute). */
  lastSeenAt: Date;
  /** Monotonic time the entry was checked against the database. */
  checkedAt: number;
}

/**
 * The sessions this process checked in the last few seconds, so that the burst of reads a page
 * makes checks the session, its person and their company once instead of on each request (three
 * queries, most of an authenticated read's CPU: bench/company-tree.bench.ts, "baseline").
 *
 * Kept correct by three rules: an entry is trusted for at most `SESSION_CACHE_MS` (so a change made
 * by another server process, such as a disabled person, takes effect within that time); every
 * change this process makes through the API (any request other than GET, HEAD or OPTIONS, sign-out
 * included) empties the cache when it finishes, so its own changes take effect at once; and an
 * entry filled by a check that began before such a change is dropped (`generation`). The session's
 * expiry is checked against the clock on every use.
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  #generation = 0;
  readonly #ttlMs: number;
  readonly #monotonic: () => number;

  constructor(options: { ttlMs?: number; monotonic?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? SESSION_CACHE_MS;
    this.#monotonic = options.monotonic ?? (() => performance.now());
  }

  /** Bumped by `clear`; a check records it when it starts and passes it to `put`. */
  get generation(): number {
    return this.#generation;
  }

  /** The checked session for `idHash`, if it was checked recently and has not expired at `now`. */
  get(idHash: string, now: Date): Entry | undefined {
    const entry = this.#entries.get(idHash);
    if (!entry) return undefined;
    if (this.#monotonic() - entry.checkedAt > this.#ttlMs || entry.expiresAt <= now) {
      this.#entries.delete(idHash);
      return undefined;
    }
    return entry;
  }

  /** Keeps a session checked at `generation`; ignored when the cache was emptied since. */
  put(idHash: string, entry: Omit<Entry, 'checkedAt'>, generation: number): void {
    if (generation !== this.#generation) return;
    this.#entries.delete(idHash);
    this.#entries.set(idHash, { ...entry, checkedAt: this.#monotonic() });
    if (this.#entries.size > KEPT) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** Forgets every session (after any change made through the API). */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
