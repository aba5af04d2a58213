import type { CallPriority, RateLimit } from './rate-limiter';
import { operationDefinition, ThrottleClasses, type OperationId, type ThrottleClass } from './wire/operations';

/** Per-call options every client method accepts. */
export interface CallOptions {
  /**
   * `MS-RequestId` (docs/PARTNER-CENTER-REFERENCE.md §1.3, §14): the idempotency key. A workflow saves it
   * before the call and passes the same value when it runs the step again, so Microsoft replays
   * the first answer instead of acting twice. Generated when absent. Reused on every retry.
   */
  requestId?: string;
  /** `MS-CorrelationId`: one per logical operation (all its retries and pages). Generated when absent. */
  correlationId?: string;
  /**
   * Cancels the call, including waits in the limiter and between retries: a call queued for the
   * rate limit when its signal aborts is never sent, and one in flight is aborted. The server passes
   * the HTTP request's signal, so a client that goes away costs no Partner Center calls.
   */
  signal?: AbortSignal;
  /**
   * Told when the call starts waiting in the client's rate limiter (its queue, a budget shared with
   * other workers, a pause after a 429); the function it returns is called when that wait ends. A
   * durable step passes its own so the wait does not count against the step's timeout.
   */
  onQueued?: () => () => void;
  /**
   * Place in the rate limiter's queue: `normal` (default) for provisioning, orders and changes;
   * `low` for reads a person can repeat, which wait while any `normal` call is queued.
   */
  priority?: CallPriority;
  /** Timeout of each attempt; overrides the client's default. */
  timeoutMs?: number;
  /** `X-Locale` for this call; overrides the connection's. */
  locale?: string;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the client sends, at the level of an operation file. */
export interface ApiRequest<T> {
  /** Stable name for logs and metrics, `family.verb` (`customers.create`). */
  operation: string;
  api: 'partnerCenter' | 'graph';
  method: HttpMethod;
  /** Path template relative to the API base (`/v1/customers/{customerId}`); logged as is. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** An absolute URL from a `next` link; replaces `path`/`query` (must be on the API's origin). */
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** `appUser` for operations Microsoft documents as App+User only (docs/PARTNER-CENTER-REFERENCE.md §1.2 table). */
  auth: 'any' | 'appUser';
  /** The customer tenant the call is about: the key of throttle classes counted per (partner, customer). */
  customerId?: string;
  /** Non-2xx statuses that are answers, not errors (404 on `HEAD /domains` means "free", §3). */
  okStatuses?: readonly number[];
  /** Served from the partner API host (wire/operations.ts `host`). */
  host?: 'partnerApi';
  /** The body is handed to `parse` as text, not parsed as JSON (a file such as a price sheet). */
  responseText?: true;
  /** Turns the answer into the method's result; throw a ZodError when the body is not as expected. */
  parse: (response: { status: number; body: unknown; headers: Headers }) => T;
}

/**
 * Limits the client keeps to: one per throttle class of the operation catalogue (Microsoft's
 * published limit less a 10 % margin, keyed as the class says), and one for Graph.
 */
export type ClientRateLimits = Record<ThrottleClass, RateLimit> & {
  /** Graph GDAP calls of one partner tenant. Default 600 per minute (no GDAP limit documented). */
  graph: RateLimit;
};

const withMargin = (throttle: ThrottleClass): RateLimit => ({
  limit: Math.floor(ThrottleClasses[throttle].limit * 0.9),
  windowMs: ThrottleClasses[throttle].windowMs,
});

export const defaultRateLimits: ClientRateLimits = {
  customers: withMargin('customers'),
  orders: withMargin('orders'),
  subscriptions: withMargin('subscriptions'),
  graph: { limit: 600, windowMs: 60_000 },
};

/**
 * The catalogued part of a request (wire/operations.ts): its id, API, method, path template and
 * authentication. Every client operation starts from one (`{ ...fromCatalogue('customers.get'), ... }`),
 * so the client and the emulator agree on names and paths.
 */
export function fromCatalogue(id: OperationId): Pick<ApiRequest<never>, 'operation' | 'api' | 'method' | 'path' | 'auth' | 'host' | 'responseText'> {
  const op = operationDefinition(id);
  return {
    operation: id,
    api: op.api,
    method: op.method,
    path: op.path,
    auth: op.auth,
    ...(op.host ? { host: op.host } : {}),
    ...(op.responseText ? { responseText: op.responseText } : {}),
  };
}
