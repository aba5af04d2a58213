import type { Context } from 'hono';
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

/** Turns any thrown value into a problem; unknown errors become a plain 500 (the caller logs them). */
export function problemFromError(err: unknown, requestId: string): { problem: Problem; unexpected: boolean } {
  if (err instanceof AppError || isAppError(err)) {
    return { problem: toProblem(err.code, err.message, requestId, err.details), unexpected: false };
  }
  return {
    problem: toProblem('INTERNAL', `Something went wrong on our side. Quote request id ${requestId} when reporting it.`, requestId),
    unexpected: true,
  };
}
