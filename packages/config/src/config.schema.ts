import { z } from 'zod';

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from 1 to 65535 (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    });

const flag = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const s = v.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be one of 1, 0, true, false, yes, no, on, off (got "${v}")` });
      return z.NEVER;
    });

const url = (name: string, protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      let parsed: URL;
      try {
        parsed = new URL(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be a URL starting with ${protocols.join(' or ')} (got an unparsable value)` });
        return z.NEVER;
      }
      if (!protocols.includes(parsed.protocol.replace(/:$/, '') + '://')) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a URL starting with ${protocols.join(' or ')} (got "${parsed.protocol}//...")`,
        });
        return z.NEVER;
      }
      return v;
    });

const seconds = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 86_400) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number of seconds from 1 to 86400 (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    });

const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx): T => {
      if (v === undefined || v === '') return fallback;
      if (!(values as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be one of ${values.join(', ')} (got "${v}")` });
        return z.NEVER;
      }
      return v as T;
    });

/** The environment variables CSP Hub reads, each with a safe local default. */
/** A whole number from `min` to `max`; empty or unset: `fallback`. The message names the variable. */
function wholeNumber(name: string, what: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number of ${what} from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    });
}

export const EnvSchema = z.object({
  PORT: port('PORT', 3000),
  HOST: z.string().optional(),
  CSPHUB_DATA_DIR: z.string().optional(),
  DATABASE_URL: url('DATABASE_URL', ['postgres://', 'postgresql://']),
  CSPHUB_EMULATOR: oneOf('CSPHUB_EMULATOR', ['embedded', 'off'] as const, 'embedded'),
  CSPHUB_EMULATOR_PORT: port('CSPHUB_EMULATOR_PORT', 4010),
  CSPHUB_DEMO: flag('CSPHUB_DEMO'),
  CSPHUB_DEMO_ON_NETWORK: flag('CSPHUB_DEMO_ON_NETWORK'),
  CSPHUB_DEMO_PASSWORD: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || (v.length >= 12 && v.length <= 256), {
      message: 'CSPHUB_DEMO_PASSWORD must be 12 to 256 characters (or unset: a password is generated for each data folder)',
    }),
  CSPHUB_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || Buffer.from(v, 'base64').length === 32, {
      message: 'CSPHUB_SECRET_KEY must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)',
    }),
  CSPHUB_TRUST_PROXY: flag('CSPHUB_TRUST_PROXY'),
  CSPHUB_WORKER_ID: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^[A-Za-z0-9._-]{1,64}$/.test(v), {
      message: 'CSPHUB_WORKER_ID must be 1-64 letters, digits, dots, dashes or underscores, stable for each worker process',
    }),
  CSPHUB_WORKER_HEARTBEAT_SECONDS: seconds('CSPHUB_WORKER_HEARTBEAT_SECONDS', 10),
  CSPHUB_WORKER_GRACE_SECONDS: seconds('CSPHUB_WORKER_GRACE_SECONDS', 60),
  CSPHUB_PC_MAX_QUEUED: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 200;
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000) {
        ctx.addIssue({ code: 'custom', message: `CSPHUB_PC_MAX_QUEUED must be a whole number of calls from 1 to 100000 (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    }),
  CSPHUB_MAX_CONCURRENT_REQUESTS: wholeNumber('CSPHUB_MAX_CONCURRENT_REQUESTS', 'requests', 256, 1, 10_000),
  CSPHUB_MAX_QUEUED_REQUESTS: wholeNumber('CSPHUB_MAX_QUEUED_REQUESTS', 'requests', 256, 0, 100_000),
  CSPHUB_SYNC_RUN_RETENTION_DAYS: wholeNumber('CSPHUB_SYNC_RUN_RETENTION_DAYS', 'days', 7, 1, 3650),
  CSPHUB_DEMO_SCALE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 0;
      if (!/^\d+$/.test(v) || Number(v) > 100_000) {
        ctx.addIssue({ code: 'custom', message: `CSPHUB_DEMO_SCALE must be a whole number of extra demo companies from 0 to 100000 (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    }),
  CSPHUB_PUBLIC_URL: url('CSPHUB_PUBLIC_URL', ['http://', 'https://']),
  SMTP_URL: url('SMTP_URL', ['smtp://', 'smtps://']),
  MAIL_FROM: z.string().optional(),
  CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS: flag('CSPHUB_WEBHOOK_ALLOW_PRIVATE_TARGETS'),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  NODE_ENV: z.string().optional(),
});
