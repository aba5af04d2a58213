import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock';
import { createPartnerCenterClient } from './partner-center-client';
import { toPartnerCenterLinkPath } from './paging-link';

describe('toPartnerCenterLinkPath', () => {
  it('adds the version to a link relative to the versioned root, as Microsoft writes them', () => {
    expect(toPartnerCenterLinkPath('/customers?size=2&seekOperation=Next')).toBe('/v1/customers?size=2&seekOperation=Next');
    expect(toPartnerCenterLinkPath('customers/c1/users?size=2')).toBe('/v1/customers/c1/users?size=2');
  });

  it('keeps a link that already carries /v1/, and an absolute URL', () => {
    expect(toPartnerCenterLinkPath('/v1/customers?size=2')).toBe('/v1/customers?size=2');
    expect(toPartnerCenterLinkPath('https://api.partnercenter.microsoft.com/v1/customers')).toBe('https://api.partnercenter.microsoft.com/v1/customers');
  });

  it('does not mistake a path that merely starts with "v1" for the version', () => {
    expect(toPartnerCenterLinkPath('/v1x/customers')).toBe('/v1/v1x/customers');
  });

  it('property: every root-relative link maps to exactly one /v1/ prefix and is idempotent', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), (segments, versioned) => {
        const link = `${versioned ? '/v1' : ''}/${segments.join('/')}`;
        const path = toPartnerCenterLinkPath(link);
        expect(path.startsWith('/v1/')).toBe(true);
        expect(path.startsWith('/v1/v1/') && segments[0] !== 'v1').toBe(false);
        expect(toPartnerCenterLinkPath(path)).toBe(path);
      }),
    );
  });
});

/** The URL the client fetches for page two, for a given `links.next.uri` and base URL. */
async function secondPageUrl(nextUri: string, partnerCenterBaseUrl: string): Promise<string> {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    if (url.includes('/oauth2/')) return Response.json({ token_type: 'Bearer', expires_in: 3600, access_token: 't' });
    urls.push(url);
    const page = (ids: string[], next?: string) => ({
      totalCount: ids.length,
      items: ids.map((id) => ({ id, companyProfile: { tenantId: id, domain: `${id}.onmicrosoft.com`, companyName: id }, relationshipToPartner: 'reseller', attributes: { objectType: 'Customer' } })),
      ...(next ? { links: { next: { uri: next, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'tok' }] } } } : {}),
      attributes: { objectType: 'Collection' },
    });
    return Response.json(urls.length === 1 ? page(['a'], nextUri) : page(['b']));
  }) as typeof globalThis.fetch;
  const client = createPartnerCenterClient({
    connection: {
      id: 'conn-1',
      name: 'Test',
      type: 'direct-bill',
      tenantId: 'partner-tenant',
      appId: 'app',
      appSecret: 'secret',
      partnerCenterBaseUrl,
      authorityBaseUrl: 'https://login.test',
      graphBaseUrl: 'https://graph.test/v1.0',
    },
    fetch,
    clock: createManualClock({ start: Date.parse('2026-01-01T00:00:00Z') }),
  });
  expect((await client.listCustomers({ pageSize: 1 }).toArray()).map((c) => c.tenantId)).toEqual(['a', 'b']);
  return urls[1]!;
}

describe('following a Partner Center next link', () => {
  it("joins Microsoft's version-relative link to the versioned root", async () => {
    expect(await secondPageUrl('/customers?size=1', 'https://api.partnercenter.microsoft.com')).toBe(
      'https://api.partnercenter.microsoft.com/v1/customers?size=1&seekOperation=Next',
    );
  });

  it('accepts a link that already starts with /v1/', async () => {
    expect(await secondPageUrl('/v1/customers?size=1', 'https://api.partnercenter.microsoft.com')).toBe(
      'https://api.partnercenter.microsoft.com/v1/customers?size=1&seekOperation=Next',
    );
  });

  it('keeps the base URL path of a service mounted under a prefix', async () => {
    expect(await secondPageUrl('/customers?size=1', 'http://127.0.0.1:4010/pc')).toBe(
      'http://127.0.0.1:4010/pc/v1/customers?size=1&seekOperation=Next',
    );
  });
});
