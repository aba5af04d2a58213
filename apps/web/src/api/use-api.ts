import { useCallback, useEffect, useState } from 'react';
import { apiFetch, ApiError } from './api-client';
import { cancellableRead } from './cancellable-read';

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
  at?: Date;
}

/**
 * The mounted `useApi` readers, by path: a change one component makes (a retried run, a deactivated
 * company) tells the others that read what it changed to read again (`invalidateApi`).
 */
const readers = new Map<string, Set<() => void>>();

/**
 * Reads again every mounted `useApi` whose path starts with one of `prefixes` (the query string
 * ignored), so a card showing data another card just changed never stays stale until a reload.
 */
export function invalidateApi(...prefixes: string[]): void {
  for (const [path, reloads] of readers) {
    const bare = path.split('?')[0]!;
    if (prefixes.some((p) => bare.startsWith(p))) for (const reload of reloads) reload();
  }
}

/**
 * Loads `path` from the API and keeps the last answer while a reload runs, so pages can show a
 * loading state, an error with a retry, and stale data without flicker. `path` null loads nothing.
 */
export function useApi<T>(path: string | null) {
  const [nonce, setNonce] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: '' });
  const key = path === null ? '' : `${path}#${nonce}`;
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => {
    if (path === null) return;
    const set = readers.get(path) ?? new Set();
    set.add(reload);
    readers.set(path, set);
    return () => {
      set.delete(reload);
      if (set.size === 0) readers.delete(path);
    };
  }, [path, reload]);
  useEffect(() => {
    if (path === null) return;
    // A newer path (the next keystroke of a search) or unmounting aborts this read and drops its answer.
    return cancellableRead(
      (signal) => apiFetch<T>(path, { signal }),
      (data) => setLoaded({ key, data, at: new Date() }),
      (e) => {
        const error = e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined);
        setLoaded((prev) => ({ key, data: prev.data, error, at: new Date() }));
      },
    );
  }, [path, key]);
  return { data: loaded.data, error: loaded.key === key ? loaded.error : undefined, at: loaded.at, loading: path !== null && loaded.key !== key, reload };
}
