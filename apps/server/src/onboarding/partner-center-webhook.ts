import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { createBoundedCache } from './bounded-cache';
import { WebhookEventPayloadSchema, type WebhookEventPayload } from '@csphub/partner-center/wire';

/** The event that says a customer accepted the reseller relationship (docs/PARTNER-CENTER-REFERENCE.md §16). */
export const RELATIONSHIP_ACCEPTED_EVENT = 'reseller-relationship-accepted-by-customer';

/** Where Partner Center posts events for one connection. */
export function webhookUrlFor(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/webhooks/partner-center/${connectionId}`;
}

/**
 * Registers (or extends) the connection's webhook so that relationship acceptances reach CSP Hub.
 * Called when an authorization is opened; idempotent, and keeps the other events registered.
 */
export async function ensureRelationshipWebhook(client: PartnerCenterClient, url: string): Promise<void> {
  const current = await client.getWebhookRegistration();
  if (current && current.url === url && current.events.includes(RELATIONSHIP_ACCEPTED_EVENT)) return;
  const events = [...new Set([...(current?.url === url ? current.events : []), RELATIONSHIP_ACCEPTED_EVENT])] as Parameters<PartnerCenterClient['registerWebhook']>[0]['events'];
  if (current) await client.updateWebhookRegistration({ url, events });
  else await client.registerWebhook({ url, events });
}

/** How many certificates the verifier keeps, and for how long (Microsoft rotates the signing certificate). */
export const CERTIFICATE_CACHE = { maxEntries: 16, ttlMs: 60 * 60 * 1000 } as const;
/** A PEM certificate is a few kilobytes; anything much larger is not one. */
const MAX_CERTIFICATE_BYTES = 64 * 1024;

/**
 * Whether a certificate URL may be fetched: Microsoft's hosts (`microsoft.com` and its subdomains)
 * over https on the default port, or one of the configured origins (the embedded emulator's).
 * Anything else (another host, http, a port, credentials in the URL) is refused before any request
 * is made, so a forged delivery cannot make the server call an address of the caller's choosing.
 */
export function isTrustedCertificateUrl(url: URL, trustedOrigins: readonly string[]): boolean {
  if (url.username || url.password) return false;
  if (trustedOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && (url.hostname === 'microsoft.com' || url.hostname.endsWith('.microsoft.com'));
}

/**
 * Verifies a delivery's signature (docs/PARTNER-CENTER-REFERENCE.md §16; https://learn.microsoft.com/partner-center/developer/partner-center-webhooks):
 * `Authorization: Signature <base64>` (or `x-ms-signature`), RSA-SHA256 over the UTF-8 body, with
 * the key from `X-MS-Certificate-Url`. The certificate is only fetched from a trusted URL (see
 * `isTrustedCertificateUrl`), without following redirects, and at most 64 KiB of it is read; keys
 * are kept in a bounded cache (size cap and TTL). Every failure is an answer (`ok: false`), never
 * a throw, so the route answers 401.
 */
export function createWebhookVerifier(opts: { trustedOrigins: string[]; fetch?: typeof fetch; now?: () => number; cache?: { maxEntries: number; ttlMs: number } }) {
  const keys = createBoundedCache<KeyObject>({ ...(opts.cache ?? CERTIFICATE_CACHE), now: opts.now ?? Date.now });
  const fetchImpl = opts.fetch ?? fetch;

  async function fetchKey(url: URL): Promise<KeyObject | string> {
    let res: Response;
    try {
      res = await fetchImpl(url.href, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch {
      return 'The certificate could not be fetched.';
    }
    if (!res.ok) return `The certificate could not be fetched (HTTP ${res.status}).`;
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_CERTIFICATE_BYTES) return 'The certificate is too large.';
    let pem: string;
    try {
      pem = await res.text();
    } catch {
      return 'The certificate could not be read.';
    }
    if (pem.length > MAX_CERTIFICATE_BYTES) return 'The certificate is too large.';
    try {
      return createPublicKey(pem);
    } catch {
      return 'The certificate is not a PEM certificate or public key.';
    }
  }

  return {
    async verify(headers: { authorization?: string | undefined; msSignature?: string | undefined; certificateUrl?: string | undefined; algorithm?: string | undefined }, body: string): Promise<{ ok: true } | { ok: false; reason: string }> {
      const signature = headers.msSignature ?? /^Signature\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
      if (!signature) return { ok: false, reason: 'No signature (Authorization: Signature ... or x-ms-signature).' };
      if ((headers.algorithm ?? '').toLowerCase() !== 'rsa-sha256') return { ok: false, reason: 'X-MS-Signature-Algorithm must be rsa-sha256.' };
      let url: URL;
      try {
        url = new URL(headers.certificateUrl ?? '');
      } catch {
        return { ok: false, reason: 'X-MS-Certificate-Url is missing or not a URL.' };
      }
      if (!isTrustedCertificateUrl(url, opts.trustedOrigins)) return { ok: false, reason: 'The certificate URL is not one of Microsoft\'s.' };
      let key = keys.get(url.href);
      if (!key) {
        const fetched = await fetchKey(url);
        if (typeof fetched === 'string') return { ok: false, reason: fetched };
        key = fetched;
        keys.set(url.href, key);
      }
      let valid: boolean;
      try {
        valid = createVerify('RSA-SHA256').update(body, 'utf8').verify(key, signature, 'base64');
      } catch {
        valid = false;
      }
      return valid ? { ok: true } : { ok: false, reason: 'The signature does not match the body.' };
    },
    /** How many certificates are cached (for tests and diagnostics). */
    get cachedCertificates(): number {
      return keys.size;
    },
  };
}

/** Parses a delivery body; undefined when it is not Partner Center's event shape. */
export function parseWebhookEvent(body: string): WebhookEventPayload | undefined {
  try {
    const parsed = WebhookEventPayloadSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The customer (tenant) id in a relationship event's ResourceUri (`.../v1/customers/{id}`). */
export function customerIdOf(event: WebhookEventPayload): string | undefined {
  return /\/customers\/([0-9a-f-]{36})/i.exec(event.ResourceUri ?? '')?.[1];
}
