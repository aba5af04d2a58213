import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { WebhookEventPayloadSchema, type WebhookEventPayload } from '@csphub/partner-center/wire';

/** The event that says a customer accepted the reseller relationship (partner-center-api.md §16). */
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

/**
 * Verifies a delivery's signature (§16): `Authorization: Signature <base64>` (or `x-ms-signature`),
 * RSA-SHA256 over the UTF-8 body, with the key from `X-MS-Certificate-Url`. The certificate is only
 * fetched from a trusted origin (Microsoft's hosts over https, or the embedded emulator), never from
 * wherever a caller points; keys are cached per URL.
 */
export function createWebhookVerifier(opts: { trustedOrigins: string[]; fetch?: typeof fetch }) {
  const keys = new Map<string, KeyObject>();
  const fetchImpl = opts.fetch ?? fetch;
  const trusted = (u: URL) =>
    opts.trustedOrigins.includes(u.origin) || (u.protocol === 'https:' && (u.hostname === 'microsoft.com' || u.hostname.endsWith('.microsoft.com')));
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
      if (!trusted(url)) return { ok: false, reason: `The certificate URL's origin ${url.origin} is not trusted.` };
      let key = keys.get(url.href);
      if (!key) {
        const res = await fetchImpl(url.href, { signal: AbortSignal.timeout(10_000) });
        if (!res.ok) return { ok: false, reason: `The certificate could not be fetched (HTTP ${res.status}).` };
        key = createPublicKey(await res.text());
        keys.set(url.href, key);
      }
      const valid = createVerify('RSA-SHA256').update(body, 'utf8').verify(key, signature, 'base64');
      return valid ? { ok: true } : { ok: false, reason: 'The signature does not match the body.' };
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
