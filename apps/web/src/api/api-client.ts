import type { AnswerOf, CheckedSchema } from './contract-check';

/** A problem+json answer from the API, as an Error the UI can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly errors: { field?: string; message: string }[] = [],
    /** Seconds to wait before trying again, from the answer's Retry-After header. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;

/** Remembers the session's CSRF token; every change sent afterwards carries it (X-CSRF-Token). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let onSignedOut: (() => void) | undefined;

/** Called when the API says the session has ended (401), so the UI can show the sign-in page. */
export function onSessionEnded(callback: (() => void) | undefined): void {
  onSignedOut = callback;
}

/**
 * Calls the CSP Hub API with the session cookie (and the CSRF token on changes). Non-2xx answers become ApiError carrying the
 * server's code, message and request id; a network failure becomes ApiError with code NETWORK. With `check`, the
 * answer is typed by that route schema and, in development, checked against it (`contract-check.ts`).
 */
export async function apiFetch<K extends CheckedSchema>(path: string, init: RequestInit | undefined, check: K): Promise<AnswerOf<K>>;
export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T>;
export async function apiFetch<T>(path: string, init: RequestInit = {}, check?: CheckedSchema): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(csrfToken && !SAFE_METHODS.has((init.method ?? 'GET').toUpperCase()) ? { 'x-csrf-token': csrfToken } : {}),
        ...init.headers,
      },
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e), undefined);
  }
  const text = await res.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (res.status === 401 && !path.endsWith('/auth/login')) onSignedOut?.();
  if (!res.ok) {
    const p = (body ?? {}) as { code?: string; detail?: string; requestId?: string; errors?: { field?: string; message: string }[] };
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, p.code ?? `HTTP_${res.status}`, p.detail ?? res.statusText, p.requestId, p.errors ?? [], retryAfter > 0 ? retryAfter : undefined);
  }
  if (import.meta.env.DEV && check) {
    void import('./contract-check').then((m) => m.checkAnswer(`${(init.method ?? 'GET').toUpperCase()} ${path}`, check, body));
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends a JSON body with `method`; answers the parsed response. */
export function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return apiFetch<T>(path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
