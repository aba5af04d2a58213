import { EmulatorError } from './emulator-error';

/**
 * Microsoft Graph errors in Graph's envelope `{ error: { code, message, innerError } }`
 * (docs/PARTNER-CENTER-REFERENCE.md §15). GDAP-specific codes are not documented; the codes below are Graph's
 * generic ones (docs/EMULATOR-DIFFERENCES.md). The factories leave `innerError` empty; the protocol
 * layer fills it with the call's ids through `withGraphInnerError`.
 */
function graph(status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatorError {
  return new EmulatorError(status, { error: { code, message, innerError: {} } }, headers);
}

/** The ids Graph puts in every error's `innerError`. */
export interface GraphErrorIds {
  requestId: string;
  clientRequestId: string;
  date: string;
}

/**
 * The same error with `innerError` carrying `date`, `request-id` and `client-request-id`, as the
 * example of Microsoft Graph's "Microsoft Graph error responses and resource types" page
 * (https://learn.microsoft.com/graph/errors) shows them. A body that is not Graph's envelope is kept.
 */
export function withGraphInnerError(error: EmulatorError, ids: GraphErrorIds): EmulatorError {
  const body = error.body as { error?: unknown };
  if (typeof body !== 'object' || body === null || typeof body.error !== 'object' || body.error === null) return error;
  const inner = (body.error as { innerError?: Record<string, unknown> }).innerError ?? {};
  const filled = {
    ...body,
    error: {
      ...body.error,
      innerError: { ...inner, date: ids.date, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
  return new EmulatorError(error.status, filled, error.headers);
}

export const graphTokenMissing = () =>
  graph(401, 'InvalidAuthenticationToken', 'Access token is empty.', {
    'WWW-Authenticate': 'Bearer realm="", authorization_uri="/login/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
export const graphTokenInvalid = (reason: string) =>
  graph(401, 'InvalidAuthenticationToken', `Access token validation failure. ${reason}`, {
    'WWW-Authenticate': 'Bearer realm="", error="invalid_token", client_id="00000003-0000-0000-c000-000000000000"',
  });
export const graphForbidden = (message: string) => graph(403, 'Authorization_RequestDenied', message);
export const graphNotFound = (what: string) => graph(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);
export const graphBadRequest = (message: string) => graph(400, 'BadRequest', message);
export const graphInvalidFilter = (message: string) => graph(400, 'BadRequest', `Invalid filter clause: ${message}`);
export const graphConflict = (message: string) => graph(409, 'Conflict', message);
export const graphPreconditionRequired = () => graph(400, 'BadRequest', "The 'If-Match' header is required for this operation.");
export const graphPreconditionFailed = () => graph(412, 'PreconditionFailed', 'The If-Match header does not match the current ETag of the resource.');
export const graphInvalidStatus = (status: string, operation: string) =>
  graph(400, 'BadRequest', `The operation '${operation}' is not allowed while the relationship status is '${status}'.`);
export const graphNotEmulated = (what: string) => graph(501, 'NotImplemented', `Not emulated: ${what}. See docs/EMULATOR-DIFFERENCES.md.`);
export const graphMethodNotAllowed = (method: string, path: string) => graph(405, 'Request_BadRequest', `The method ${method} is not supported on ${path}.`);
export const graphThrottled = (retryAfterSeconds: number) =>
  graph(429, 'TooManyRequests', 'Too many requests. Retry after the number of seconds in Retry-After.', { 'Retry-After': String(retryAfterSeconds) });
export const graphServerError = (status: number) =>
  graph(status, status === 503 ? 'ServiceUnavailable' : 'InternalServerError', 'The service encountered an error. Retry later.');
