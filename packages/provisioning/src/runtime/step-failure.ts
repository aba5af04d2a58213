import { ERROR_CODES, isAppError } from '@csphub/domain';

/**
 * A step's failure as plain JSON: what the DBOS journal stores and replays. Steps never throw
 * through DBOS; they return a `StepOutcome`, so a replayed run sees byte-for-byte the failure the
 * first run saw (class instances do not survive the journal, docs/WORKFLOWS.md).
 */
export interface StepFailure {
  /** CSP Hub's code (AppError or PartnerCenterError code), or a runtime code such as STEP_TIMEOUT. */
  code: string;
  message: string;
  /** Whether the same call may succeed later (network, timeout, 408, 429, 5xx). */
  transient: boolean;
  /** HTTP status when a response came back; absent when none did (then the request id is reused). */
  status?: number;
  /** Milliseconds the remote service asked to wait (Retry-After). */
  retryAfterMs?: number;
  microsoftCode?: string;
  /** Microsoft's own description of the failure (a Partner Center or Graph answer), as it sent it. */
  description?: string;
  /** What a person can do about it (reconnect a connection, ...), when the client knows. */
  hint?: string;
  requestId?: string;
  correlationId?: string;
  /** Field-level details of an AppError, for the UI. */
  details?: { field?: string; message: string }[];
}

/**
 * What one attempt of a step journals: its output, or its failure. A success also carries its
 * attempt's number and when it finished (ms since the epoch), so that the timeline closes it later
 * (`AttemptSucceeded`) the same way after a replay; outcomes journaled before they were added lack
 * them (their attempts were closed at once).
 */
export type StepOutcome<O> = { ok: true; value: O; attempt?: number; finishedAt?: number } | { ok: false; failure: StepFailure };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Classifies anything a step threw: Partner Center errors by their `transient` flag and
 * Retry-After, AppErrors by the ERROR_CODES table, network failures as transient, and everything
 * else (programming errors) as permanent so they are not retried blindly.
 */
export function toStepFailure(e: unknown): StepFailure {
  if (typeof e === 'object' && e !== null) {
    const r = e as Record<string, unknown>;
    if (r.name === 'PartnerCenterError' && typeof r.transient === 'boolean') {
      const f: StepFailure = { code: String(r.code), message: String(r.message ?? 'Partner Center call failed'), transient: r.transient };
      if (typeof r.status === 'number') f.status = r.status;
      if (typeof r.retryAfterSeconds === 'number') f.retryAfterMs = Math.round(r.retryAfterSeconds * 1000);
      if (typeof r.microsoftCode === 'string') f.microsoftCode = r.microsoftCode;
      if (typeof r.description === 'string') f.description = r.description;
      if (typeof r.hint === 'string') f.hint = r.hint;
      if (typeof r.requestId === 'string') f.requestId = r.requestId;
      if (typeof r.correlationId === 'string') f.correlationId = r.correlationId;
      return f;
    }
    if (isAppError(e)) {
      const f: StepFailure = { code: e.code, message: e.message, transient: ERROR_CODES[e.code].retryable && e.code !== 'INTERNAL' };
      if (e.details && e.details.length > 0) f.details = e.details;
      return f;
    }
    if (r.name === 'StepTimeoutError') return { code: 'STEP_TIMEOUT', message: String(r.message), transient: true };
    const cause = (r.cause ?? {}) as Record<string, unknown>;
    const netCode = typeof r.code === 'string' ? r.code : typeof cause.code === 'string' ? cause.code : undefined;
    if ((netCode && NETWORK_CODES.has(netCode)) || (e instanceof TypeError && /fetch failed/i.test(e.message))) {
      return { code: 'NETWORK_ERROR', message: `${String(r.message)}${netCode ? ` (${netCode})` : ''}`, transient: true };
    }
    if (e instanceof Error) return { code: 'INTERNAL', message: e.message, transient: false };
  }
  return { code: 'INTERNAL', message: String(e), transient: false };
}

/**
 * Thrown into a workflow body when a step has failed for good (permanent error, or retries used
 * up). Built from the journaled `StepFailure`, so it is the same on replay.
 */
export class StepFailedError extends Error {
  override readonly name = 'StepFailedError';
  constructor(
    readonly stepId: string,
    readonly failure: StepFailure,
    readonly attempts: number,
  ) {
    super(`Step ${stepId} failed after ${attempts} attempt(s): ${failure.code}: ${failure.message}`);
  }
}

/** Thrown by the runtime when one attempt of a step runs past its timeout. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
}
