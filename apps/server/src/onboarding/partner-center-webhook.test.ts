import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWebhookVerifier, isTrustedCertificateUrl } from './partner-center-webhook';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const body = '{"EventName":"test-created"}';
const signature = createSign('RSA-SHA256').update(body, 'utf8').sign(privateKey, 'base64');
const EMULATOR = 'http://127.0.0.1:4010';

/** A fetch that records every URL asked for and answers with the given response (or throws). */
function recordingFetch(answer: () => Response | Promise<Response> = () => new Response(PEM)) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return answer();
  }) as typeof fetch;
  return { calls, impl };
}

const headersFor = (certificateUrl: string) => ({ authorization: `Signature ${signature}`, algorithm: 'rsa-sha256', certificateUrl });

describe('Partner Center webhook certificate URL', () => {
  it('never fetches a certificate from anywhere but Microsoft or the embedded emulator', async () => {
    const untrusted = [
      'http://127.0.0.1:9/cert',
      'http://localhost/cert',
      'http://169.254.169.254/latest/meta-data',
      'https://evil.example/cert.pem',
      'https://microsoft.com.evil.example/cert',
      'https://evilmicrosoft.com/cert',
      'http://api.partnercenter.microsoft.com/cert',
      'https://api.partnercenter.microsoft.com:8443/cert',
      'https://user:pass@api.partnercenter.microsoft.com/cert',
      'file:///etc/passwd',
      'http://127.0.0.1:4011/_emulator/webhooks/certificate',
      'https://127.0.0.1:4010/_emulator/webhooks/certificate',
    ];
    for (const url of untrusted) {
      const { calls, impl } = recordingFetch();
      const result = await createWebhookVerifier({ trustedOrigins: [EMULATOR], fetch: impl }).verify(headersFor(url), body);
      expect(result, url).toEqual({ ok: false, reason: "The certificate URL is not one of Microsoft's." });
      expect(calls, url).toEqual([]);
    }
  });

  it('refuses any generated URL outside microsoft.com without a request', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.webUrl({ withQueryParameters: true }), async (url) => {
        fc.pre(!/^https:\/\/([^/]*\.)?microsoft\.com(\/|$)/i.test(url));
        const { calls, impl } = recordingFetch();
        const result = await createWebhookVerifier({ trustedOrigins: [EMULATOR], fetch: impl }).verify(headersFor(url), body);
        expect(result.ok).toBe(false);
        expect(calls).toEqual([]);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('accepts Microsoft hosts and the emulator origin only', () => {
    expect(isTrustedCertificateUrl(new URL('https://api.partnercenter.microsoft.com/webhooks/cert'), [])).toBe(true);
    expect(isTrustedCertificateUrl(new URL('https://microsoft.com/cert'), [])).toBe(true);
    expect(isTrustedCertificateUrl(new URL(`${EMULATOR}/_emulator/webhooks/certificate`), [EMULATOR])).toBe(true);
    expect(isTrustedCertificateUrl(new URL(`${EMULATOR}/_emulator/webhooks/certificate`), [])).toBe(false);
  });

  it('verifies a signed delivery with a Microsoft certificate, without following redirects', async () => {
    const { calls, impl } = recordingFetch();
    const verifier = createWebhookVerifier({ trustedOrigins: [], fetch: impl });
    expect(await verifier.verify(headersFor('https://api.partnercenter.microsoft.com/cert'), body)).toEqual({ ok: true });
    expect(await verifier.verify(headersFor('https://api.partnercenter.microsoft.com/cert'), `${body} `)).toEqual({ ok: false, reason: 'The signature does not match the body.' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init?.redirect).toBe('error');
  });

  it('answers a certificate that cannot be fetched or parsed as a refusal, not an error', async () => {
    const cases: [string, () => Response | Promise<Response>][] = [
      ['network failure', () => Promise.reject(new TypeError('fetch failed'))],
      ['HTTP 404', () => new Response('nope', { status: 404 })],
      ['not a certificate', () => new Response('<html>hello</html>')],
      ['too large', () => new Response('x'.repeat(100_000))],
    ];
    for (const [name, answer] of cases) {
      const verifier = createWebhookVerifier({ trustedOrigins: [], fetch: recordingFetch(answer).impl });
      const result = await verifier.verify(headersFor('https://api.partnercenter.microsoft.com/cert'), body);
      expect(result.ok, name).toBe(false);
      expect(verifier.cachedCertificates, name).toBe(0);
    }
    const garbled = await createWebhookVerifier({ trustedOrigins: [], fetch: recordingFetch().impl }).verify({ ...headersFor('https://api.partnercenter.microsoft.com/cert'), authorization: 'Signature !!!not-base64' }, body);
    expect(garbled.ok).toBe(false);
  });

  it('keeps a bounded number of certificates, each for a limited time', async () => {
    let now = 0;
    const { calls, impl } = recordingFetch();
    const verifier = createWebhookVerifier({ trustedOrigins: [], fetch: impl, now: () => now, cache: { maxEntries: 4, ttlMs: 1000 } });
    for (let i = 0; i < 50; i++) {
      expect((await verifier.verify(headersFor(`https://api.partnercenter.microsoft.com/cert/${i}`), body)).ok).toBe(true);
      expect(verifier.cachedCertificates).toBeLessThanOrEqual(4);
    }
    expect(calls).toHaveLength(50);
    await verifier.verify(headersFor('https://api.partnercenter.microsoft.com/cert/49'), body);
    expect(calls).toHaveLength(50);
    now += 1000;
    await verifier.verify(headersFor('https://api.partnercenter.microsoft.com/cert/49'), body);
    expect(calls).toHaveLength(51);
  });
});
