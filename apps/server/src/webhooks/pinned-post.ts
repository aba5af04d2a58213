import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PinnedAddress } from './target-policy';

/** One webhook request: what is sent and how long to wait for the answer's status line. */
export interface PinnedRequest {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Sends one POST to a URL over a connection to an address checked beforehand; answers the HTTP status. */
export type PinnedPost = (url: string, pinned: PinnedAddress, req: PinnedRequest) => Promise<{ status: number }>;

/**
 * POSTs to `url` connecting to `pinned` instead of resolving the URL's host again. The URL's host
 * still names the server everywhere else: the Host header, TLS's server name and the certificate
 * check, so https to a name stays verified against that name. No redirect is followed (node's
 * client never does) and the answer's body is discarded unread.
 */
export const postPinned: PinnedPost = (url, pinned, req) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    // Every lookup of this request answers the checked address (DNS rebinding, docs/WEBHOOKS.md).
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: pinned.address, family: pinned.family }]);
      else callback(null, pinned.address, pinned.family);
    };
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      { method: 'POST', headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) }, lookup, agent: false, timeout: req.timeoutMs },
      (res) => {
        res.resume();
        res.on('error', () => undefined);
        resolve({ status: res.statusCode ?? 0 });
        res.destroy();
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${req.timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(req.body);
  });
