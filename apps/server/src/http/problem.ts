import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ERROR_CODES, isAppError, type ErrorCode, type ErrorDetail } from '@csphub/domain';

/** RFC 9457 problem details with CSP Hub's stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId: string;
  errors?: ErrorDetail[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the problem body for a code; the status comes from the one table in @csphub/domain. */
export function toProblem(code: ErrorCode, detail: string, requestId: string, errors?: ErrorDetail[]): Problem {
  const status = ERROR_CODES[code].status;
  return {
    type: `https://csphub.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: code
      .toLowerCase()
      .split('_')
      .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
      .join(' '),
    status,
    code,
    detail,
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Answers a problem+json response. */
export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as 400, { 'content-type': PROBLEM_CONTENT_TYPE });
}

/** The SQLSTATE of a database error, looking through the query wrapper Drizzle puts around it. */
function sqlState(err: unknown): { code: string; detail?: string } | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const detail = (e as { detail?: unknown }).detail;
      return { code, ...(typeof detail === 'string' ? { detail } : {}) };
    }
  }
  return undefined;
}

/** `owner_company_id, name` from PostgreSQL's "Key (owner_company_id, name)=(...) already exists." as the API's field name. */
function uniqueField(detail: string | undefined): string | undefined {
  const columns = /Key \(([^)]+)\)=/.exec(detail ?? '')?.[1]?.split(',').map((s) => s.trim().replace(/"/g, ''));
  const column = columns?.filter((c) => !/(^|_)id$/.test(c)).at(-1) ?? columns?.at(-1);
  return column?.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/**
 * Turns any thrown value into a problem; unknown errors become a plain 500 (the caller logs them).
 * Besides AppError, three kinds of failure are the caller's and answer 4xx:
 * - Hono's own 4xx (the body validator's "Malformed JSON", the content-type gate's 415): the
 *   request body is not JSON;
 * - a unique violation (SQLSTATE 23505), e.g. two requests racing to take one name: 409 naming the
 *   field (from the constraint's columns, never their values);
 * - a value PostgreSQL cannot store (SQLSTATE 22021, 22P05: U+0000; 22003: a number out of
 *   range), should one get past validation: 400.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function problemFromError(err: unknown, requestId: string): { problem: Problem; unexpected: boolean } {
  if (err instanceof AppError || isAppError(err)) {
    return { problem: toProblem(err.code, err.message, requestId, err.details), unexpected: false };
  }
  if (err instanceof HTTPException && err.status < 500) {
    if (err.status === 415) {
      const message = 'send the body as JSON with Content-Type: application/json';
      return { problem: toProblem('VALIDATION_FAILED', `The request body is not valid: ${message}.`, requestId, [{ field: 'content-type', message }]), unexpected: false };
    }
    if (err.status === 401) return { problem: toProblem('UNAUTHENTICATED', err.message || 'Sign in first.', requestId), unexpected: false };
    if (err.status === 404) return { problem: toProblem('ROUTE_NOT_FOUND', err.message || 'No such route.', requestId), unexpected: false };
    const message = err.status === 400 && /json/i.test(err.message) ? 'is not valid JSON' : err.message || `was refused (HTTP ${err.status})`;
    return { problem: toProblem('VALIDATION_FAILED', `The request body ${message}.`, requestId, [{ field: 'body', message }]), unexpected: false };
  }
  const state = sqlState(err);
  if (state?.code === '23505') {
    const field = uniqueField(state.detail);
    const message = 'is already taken; pick another';
    return { problem: toProblem('CONFLICT', field ? `The ${field} ${message}.` : `Something with these values exists already.`, requestId, field ? [{ field, message }] : undefined), unexpected: false };
  }
  if (state?.code === '22021' || state?.code === '22P05' || state?.code === '22003') {
    const message = state.code === '22003' ? 'a number is out of range' : 'a text field holds a character that cannot be stored (such as \\u0000); remove it';
    return { problem: toProblem('VALIDATION_FAILED', `The request is not valid: ${message}.`, requestId, [{ field: 'body', message }]), unexpected: false };
  }
  return {
    problem: toProblem('INTERNAL', `Something went wrong on our side. Quote request id ${requestId} when reporting it.`, requestId),
    unexpected: true,
  };
}
