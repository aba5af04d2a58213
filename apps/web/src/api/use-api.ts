import { useCallback, useEffect, useState } from 'react';
import { apiFetch, ApiError } from './api-client';

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
  at?: Date;
}

/**
 * Loads `path` from the API and keeps the last answer while a reload runs, so pages can show a
 * loading state, an error with a retry, and stale data without flicker. `path` null loads nothing.
 */
export function useApi<T>(path: string | null) {
  const [nonce, setNonce] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: '' });
  const key = path === null ? '' : `${path}#${nonce}`;
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    apiFetch<T>(path)
      .then((data) => !cancelled && setLoaded({ key, data, at: new Date() }))
      .catch((e: unknown) => {
        if (cancelled) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined);
        setLoaded((prev) => ({ key, data: prev.data, error, at: new Date() }));
      });
    return () => {
      cancelled = true;
    };
  }, [path, key]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: loaded.data, error: loaded.key === key ? loaded.error : undefined, at: loaded.at, loading: path !== null && loaded.key !== key, reload };
}
