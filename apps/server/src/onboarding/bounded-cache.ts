/**
 * A map with a size cap and a time to live: reading an entry makes it the most recent, adding
 * past the cap evicts the least recently used, and an entry older than the TTL is gone. For
 * caches fed by requests (the webhook certificates), so that no caller can grow memory without
 * bound. Time comes from `now` (a Clock in the app, a fake one in tests).
 */
export function createBoundedCache<V>(opts: { maxEntries: number; ttlMs: number; now: () => number }) {
  if (!(opts.maxEntries >= 1)) throw new Error('A bounded cache needs room for at least one entry.');
  // A Map iterates in insertion order: deleting and setting again moves a key to the end (most recent).
  const entries = new Map<string, { value: V; storedAt: number }>();
  return {
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (opts.now() - entry.storedAt >= opts.ttlMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, value: V): void {
      entries.delete(key);
      entries.set(key, { value, storedAt: opts.now() });
      while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size(): number {
      return entries.size;
    },
  };
}
export type BoundedCache<V> = ReturnType<typeof createBoundedCache<V>>;
