import pino, { type Logger } from 'pino';
import { scrubQueryError } from '@csphub/db';

/**
 * Paths pino removes from every log line. Secrets must never reach a log: passwords, tokens,
 * client secrets, refresh tokens, cookies and authorization headers, at any depth we log.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'secret',
  '*.secret',
  '*.*.secret',
  'clientSecret',
  '*.clientSecret',
  '*.*.clientSecret',
  'refreshToken',
  '*.refreshToken',
  '*.*.refreshToken',
  'appSecret',
  '*.appSecret',
  '*.*.appSecret',
  'passwordHash',
  '*.passwordHash',
  'tokenHash',
  '*.tokenHash',
  'csrfToken',
  '*.csrfToken',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * Errors are logged without the bound parameters of a failed statement or the row values a
 * database error quotes (`scrubQueryError`); the database layer already strips them where errors
 * are raised, and this catches an error built elsewhere (a copy, another driver).
 */
const serializers = { err: (e: unknown) => pino.stdSerializers.err(scrubQueryError(e) as Error) };

/** Builds the process logger; `destination` lets tests capture the output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers, base: { app: 'csphub' } }, destination);
}
export type { Logger };
