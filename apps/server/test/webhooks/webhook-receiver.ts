import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver took: its id, whether the signature held, and the parsed body. */
export interface Received {
  id: string;
  verified: boolean;
  body: { id: string; type: string; version: number; timestamp: string; data: Record<string, unknown> };
}

/**
 * A local webhook receiver as a customer would write one: it verifies every request with the
 * `standardwebhooks` package and the subscription's secret, and answers 204, or 503 while `down`.
 * While `hold`, it takes the request (recorded like any other) and never answers, as a sender that
 * dies waiting sees it. `secret` may be set after start (the secret comes back from the subscription's creation).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const state = { down: false, hold: false, secret: '', requests: 0, lastHost: '' };
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      state.lastHost = req.headers.host ?? '';
      if (state.down) {
        res.writeHead(503).end();
        return;
      }
      const payload = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified: boolean;
      try {
        new Webhook(state.secret).verify(payload, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: headers['webhook-id'] ?? '', verified, body: JSON.parse(payload) as Received['body'] });
      if (state.hold) {
        held.push(res);
        return;
      }
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/csphub`,
    received,
    state,
    close: () => {
      for (const res of held) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
