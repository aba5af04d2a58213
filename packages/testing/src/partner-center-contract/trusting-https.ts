import https from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** One HTTPS exchange that trusts `ca` (the emulator's self-signed certificate) besides nothing else. */
export function requestTrusting(
  ca: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers, body });
      });
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** A `fetch` for plain JSON exchanges over {@link requestTrusting} (e.g. the emulator's typed control client). */
export function trustingFetch(ca: string): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const res = await requestTrusting(ca, url, { method: init.method, headers: init.headers as Record<string, string> | undefined, body: init.body as string | undefined });
    return new Response(res.body === '' ? null : res.body, { status: res.status, headers: res.headers });
  };
}

/**
 * MSAL's documented extension point for its HTTP (`system.networkClient`), over node:https with the
 * emulator's certificate as the trust anchor. MSAL still does everything else itself: it insists on
 * an https authority, fetches the OpenID discovery document, checks its issuer and posts to the
 * token endpoint the document names. (Setting `NODE_EXTRA_CA_CERTS` before the test process starts
 * would do the same with MSAL's own client; it cannot be set from inside a running process.)
 */
export function trustingNetworkClient(ca: string): INetworkModule {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const res = await requestTrusting(ca, url, { method, headers: options?.headers, body: options?.body });
    return { status: res.status, headers: res.headers, body: (res.body ? JSON.parse(res.body) : {}) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
