import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A transparent HTTP proxy in front of the emulator. `holdNext(match)` makes it forward the next
 * matching request (so Partner Center acts), then keep the answer: the caller kills the worker while
 * the call is in flight, which is the "created, but the answer was lost" crash. Several holds may wait
 * at once (scenarios run side by side); each catches the first request it matches.
 */
export async function startHoldingProxy(target: string) {
  const holds: { match: (method: string, path: string, body: string) => boolean; arrived: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const index = holds.findIndex((h) => h.match(req.method ?? 'GET', req.url ?? '/', body.toString('utf8')));
      const held = index >= 0 ? holds.splice(index, 1)[0] : undefined;
      fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body })
        .then(async (upstream) => {
          const payload = Buffer.from(await upstream.arrayBuffer());
          if (held) {
            held.arrived(); // Partner Center acted; the answer never leaves
            return;
          }
          const out: Record<string, string> = {};
          upstream.headers.forEach((v, k) => {
            if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'content-encoding') out[k] = v;
          });
          res.writeHead(upstream.status, out).end(payload);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdNext: (match: (method: string, path: string, body: string) => boolean) => new Promise<void>((arrived) => void holds.push({ match, arrived })),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
