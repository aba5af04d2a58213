import type { EmulatorError } from '../errors/emulator-error';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON response (Partner Center and Graph both answer `application/json`). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': JSON_TYPE, ...headers } });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

export function renderError(error: EmulatorError, headers: Record<string, string> = {}): Response {
  return json(error.status, error.body, { ...error.headers, ...headers });
}
