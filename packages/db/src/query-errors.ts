import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/**
 * What a failed statement must never carry into a log, a problem answer or a workflow journal: its
 * bound parameters (password hashes, tokens, personal data) and the row values PostgreSQL quotes
 * back in an error's detail ("Failing row contains (...)", "Key (email)=(...) already exists").
 * Drizzle puts the parameters in the error's message (`Failed query: ...\nparams: ...`) and in
 * `params`; PostgreSQL puts values in `detail` and, for a value of the wrong type, in the message.
 */

const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;

type Scrubbable = { message?: unknown; stack?: unknown; params?: unknown; detail?: unknown; code?: unknown; cause?: unknown };

function rewriteMessage(err: Scrubbable, message: string): void {
  const old = err.message as string;
  if (old === message) return;
  err.message = message;
  if (typeof err.stack === 'string') err.stack = err.stack.split(old).join(message);
}

function scrubOne(err: Scrubbable): void {
  if (typeof err.message === 'string' && PARAMS_IN_MESSAGE.test(err.message)) rewriteMessage(err, err.message.replace(PARAMS_IN_MESSAGE, ''));
  if ('params' in err) delete err.params;
  if (typeof err.detail === 'string') {
    const keyed = /^(Key \([^)]*\)=)\(.*\)( [^()]*)$/s.exec(err.detail);
    if (keyed) err.detail = `${keyed[1]}(…)${keyed[2]}`;
    else if (/^Failing row contains /.test(err.detail)) err.detail = 'Failing row contains (…).';
    else if (/=\(|\(.*\)/s.test(err.detail)) err.detail = '(detail removed: it quoted row values)';
  }
  // Data exceptions (class 22) quote the value they could not take: `invalid input syntax for type uuid: "..."`.
  if (typeof err.code === 'string' && err.code.startsWith('22') && typeof err.message === 'string') {
    rewriteMessage(err, err.message.replace(/: ".*"$/s, ': "…"'));
  }
}

/**
 * Removes bound parameters and quoted row values from an error raised by a failed statement and
 * from its causes, in place, and returns it. Safe on any value (non-errors are returned as they are).
 */
export function scrubQueryError<T>(e: T): T {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    scrubOne(current as Scrubbable);
    current = (current as Scrubbable).cause;
  }
  return e;
}

let installed = false;

/**
 * Makes every Drizzle statement on PostgreSQL and PGlite throw scrubbed errors, at the one place
 * all of them run (`PgPreparedQuery.queryWithCache`), so no caller has to remember it. Idempotent;
 * `openDatabase` calls it.
 */
export function installQueryErrorScrubbing(): void {
  if (installed) return;
  installed = true;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown> };
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (e) {
      throw scrubQueryError(e);
    }
  };
}
