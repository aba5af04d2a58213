/**
 * What an error response said, whatever its envelope. Partner Center has three (docs/PARTNER-CENTER-REFERENCE.md §15, §14): its
 * normal `{code, description, data, source}`, the throttling body `{statusCode, message}`, and
 * Graph's `{error:{code,message}}`; the token endpoint adds OAuth's `{error, error_description,
 * error_codes}` (docs/PARTNER-CENTER-REFERENCE.md §1.2). Parsed by hand, leniently: an error body that does not match any shape must
 * still yield an error, never a validation failure that hides the real one.
 */
export interface MicrosoftErrorBody {
  /** Microsoft's code as a string: a Partner Center number, a Graph or OAuth code name. */
  code?: string;
  description?: string;
  /** AADSTS numbers from a token endpoint failure. */
  aadstsCodes?: number[];
  /** Graph's `innerError["request-id"]`: the id Graph gave the failed call. */
  serviceRequestId?: string;
  /** Graph's `innerError["client-request-id"]`: the caller's id as Graph received it. */
  clientRequestId?: string;
  /** Graph's `innerError.date`: when Graph failed the call. */
  date?: string;
  /** Which envelope it came in. */
  envelope: 'partner-center' | 'throttle' | 'graph' | 'oauth' | 'none';
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0
    ? v
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : undefined;

/** Reads an error body (already fetched as text). Never throws. */
export function parseMicrosoftErrorBody(text: string): MicrosoftErrorBody {
  if (!text.trim()) return { envelope: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { envelope: 'none', description: text.slice(0, 1024) };
  }
  if (typeof json !== 'object' || json === null)
    return { envelope: 'none', description: text.slice(0, 1024) };
  // Keys are compared case-insensitively: Partner Center is not consistent about casing (docs/PARTNER-CENTER-REFERENCE.md §2.2).
  const lower = new Map(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v]));
  const err = lower.get('error');
  if (typeof err === 'object' && err !== null) {
    // docs/PARTNER-CENTER-REFERENCE.md §15: Graph errors use the standard Graph envelope.
    // Its innerError carries request-id, client-request-id and date ("Microsoft Graph error
    // responses and resource types", https://learn.microsoft.com/graph/errors).
    const g = err as Record<string, unknown>;
    const innerKey = Object.keys(g).find((k) => k.toLowerCase() === 'innererror');
    const inner = innerKey === undefined ? undefined : g[innerKey];
    const ids = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {};
    return {
      envelope: 'graph',
      code: str(g.code),
      description: str(g.message),
      serviceRequestId: str(ids['request-id']),
      clientRequestId: str(ids['client-request-id']),
      date: str(ids.date),
    };
  }
  if (typeof err === 'string') {
    // §1.2: OAuth token endpoint errors.
    const codes = lower.get('error_codes');
    return {
      envelope: 'oauth',
      code: err,
      description: str(lower.get('error_description')),
      aadstsCodes: Array.isArray(codes) ? codes.filter((c): c is number => typeof c === 'number') : undefined,
    };
  }
  if (lower.has('code') || lower.has('description')) {
    return {
      envelope: 'partner-center',
      code: str(lower.get('code')),
      description: str(lower.get('description')) ?? str(lower.get('message')),
    };
  }
  if (lower.has('statuscode') && lower.has('message')) {
    // §14: the 429 body differs from the normal error schema.
    return { envelope: 'throttle', description: str(lower.get('message')) };
  }
  return { envelope: 'none', description: str(lower.get('message')) };
}
