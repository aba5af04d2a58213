import { isPartnerCenterErrorCode, type PartnerCenterErrorCode } from './partner-center-error-code';

/** The plain-data form of a {@link PartnerCenterError}: what the workflow journal stores. */
export interface PartnerCenterErrorJson {
  name: 'PartnerCenterError';
  code: PartnerCenterErrorCode;
  message: string;
  /** HTTP status of the last attempt; absent when no response came back (network, timeout, abort). */
  status?: number;
  /** Microsoft's error code, as a string (Microsoft documents it as a string, sends numbers). */
  microsoftCode?: string;
  /** Microsoft's description, or the Graph/OAuth message. */
  description?: string;
  /** What a person can do about it (reconnect or re-consent a connection), when CSP Hub knows. */
  hint?: string;
  requestId?: string;
  correlationId?: string;
  /** The id Microsoft gave the failed call (Graph's `request-id`), to quote to Microsoft support. */
  serviceRequestId?: string;
  /** When Microsoft failed the call (Graph's `innerError.date`). */
  serviceDate?: string;
  /** Whether the same request may succeed later (network, timeout, 408, 429, 5xx). */
  transient: boolean;
  /** Seconds Microsoft asked to wait (Retry-After) on the last attempt, when it said. */
  retryAfterSeconds?: number;
  /** Operation name, e.g. `customers.create`. */
  operation?: string;
  /** The connection the call went through (its id), so an operator knows which one to fix. */
  connectionId?: string;
  /** How many attempts were made. */
  attempts?: number;
}

/**
 * Every failure of a Partner Center, Graph GDAP or token call. Carries what an operator and a
 * workflow need: the CSP Hub `code` to branch on, Microsoft's code and description, the ids to
 * quote to Microsoft support, and `transient` to decide on a retry (docs/ARCHITECTURE.md, "Requests").
 *
 * It survives serialisation: `JSON.stringify` goes through {@link PartnerCenterError.toJSON}, and
 * {@link PartnerCenterError.fromJSON} rebuilds it. Match with {@link isPartnerCenterError} and
 * `code`, not with `instanceof`, because a replayed journal entry is plain data.
 */
export class PartnerCenterError extends Error {
  override readonly name = 'PartnerCenterError' as const;
  readonly code: PartnerCenterErrorCode;
  readonly status: number | undefined;
  readonly microsoftCode: string | undefined;
  readonly description: string | undefined;
  readonly hint: string | undefined;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly serviceRequestId: string | undefined;
  readonly serviceDate: string | undefined;
  readonly transient: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly operation: string | undefined;
  readonly connectionId: string | undefined;
  readonly attempts: number | undefined;

  constructor(init: Omit<PartnerCenterErrorJson, 'name'> & { cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.microsoftCode = init.microsoftCode;
    this.description = init.description;
    this.hint = init.hint;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.serviceRequestId = init.serviceRequestId;
    this.serviceDate = init.serviceDate;
    this.transient = init.transient;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.operation = init.operation;
    this.connectionId = init.connectionId;
    this.attempts = init.attempts;
  }

  /** A copy with more context (operation, ids, attempts), used as the error travels up the pipeline. */
  with(extra: Partial<Omit<PartnerCenterErrorJson, 'name'>>): PartnerCenterError {
    return new PartnerCenterError({ ...this.toJSON(), ...extra, cause: this.cause });
  }

  toJSON(): PartnerCenterErrorJson {
    const json: PartnerCenterErrorJson = {
      name: this.name,
      code: this.code,
      message: this.message,
      transient: this.transient,
    };
    if (this.status !== undefined) json.status = this.status;
    if (this.microsoftCode !== undefined) json.microsoftCode = this.microsoftCode;
    if (this.description !== undefined) json.description = this.description;
    if (this.hint !== undefined) json.hint = this.hint;
    if (this.requestId !== undefined) json.requestId = this.requestId;
    if (this.correlationId !== undefined) json.correlationId = this.correlationId;
    if (this.serviceRequestId !== undefined) json.serviceRequestId = this.serviceRequestId;
    if (this.serviceDate !== undefined) json.serviceDate = this.serviceDate;
    if (this.retryAfterSeconds !== undefined) json.retryAfterSeconds = this.retryAfterSeconds;
    if (this.operation !== undefined) json.operation = this.operation;
    if (this.connectionId !== undefined) json.connectionId = this.connectionId;
    if (this.attempts !== undefined) json.attempts = this.attempts;
    return json;
  }

  /** Rebuilds an error from its JSON form (or from a live error, which is returned as is). */
  static fromJSON(json: PartnerCenterErrorJson | PartnerCenterError): PartnerCenterError {
    if (json instanceof PartnerCenterError) return json;
    if (!isPartnerCenterError(json)) throw new TypeError('Not a serialised PartnerCenterError');
    const { name: _name, ...rest } = json;
    return new PartnerCenterError(rest);
  }
}

/**
 * Whether `x` is a Partner Center error, live or deserialised: matches on `name` and a known `code`,
 * so it also recognises the plain object read back from a workflow journal. Pass `code` to test for
 * one code.
 */
export function isPartnerCenterError(x: unknown, code?: PartnerCenterErrorCode): x is PartnerCenterErrorJson {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  if (
    r.name !== 'PartnerCenterError' ||
    !isPartnerCenterErrorCode(r.code) ||
    typeof r.transient !== 'boolean'
  )
    return false;
  return code === undefined || r.code === code;
}
