import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny remote service for the crash tests: it applies a side effect per request and dedupes on
 * MS-RequestId like Partner Center does (a repeated id replays the first answer, no second effect).
 * `holdOnce(index)` makes it apply the effect for that step and then never answer, so the test can
 * kill the worker in the middle of the call. `gate(index)` applies the effect and holds the answer
 * until the test releases it, so the test can act while a run is in the middle of a step.
 */
export async function startCounterServer() {
  const effects = new Map<string, number>(); // `${runId}#${index}` -> effects applied
  const calls = new Map<string, number>();
  const replies = new Map<string, string>(); // request id -> first answer
  const holds = new Map<string, () => void>();
  const gates = new Map<string, { arrived: () => void; released: Promise<void> }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { runId, index } = JSON.parse(body) as { runId: string; index: number };
      const key = `${runId}#${index}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      const requestId = String(req.headers['ms-requestid'] ?? '');
      const replay = requestId ? replies.get(requestId) : undefined;
      if (replay) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(replay);
        return;
      }
      const seen = (effects.get(key) ?? 0) + 1;
      effects.set(key, seen);
      const answer = JSON.stringify({ seen });
      if (requestId) replies.set(requestId, answer);
      const gate = gates.get(key);
      if (gate) {
        gates.delete(key);
        gate.arrived();
        void gate.released.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
        return;
      }
      const hold = holds.get(key);
      if (hold) {
        holds.delete(key);
        hold(); // the effect happened; the answer never leaves
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    effects: (runId: string, index: number) => effects.get(`${runId}#${index}`) ?? 0,
    calls: (runId: string, index: number) => calls.get(`${runId}#${index}`) ?? 0,
    /** Resolves when the request for this step arrived and its effect was applied. */
    holdOnce: (runId: string, index: number) => new Promise<void>((resolve) => holds.set(`${runId}#${index}`, resolve)),
    /** Holds this step's answer (its effect applied) until `release()`; `arrived` resolves when the call came in. */
    gate: (runId: string, index: number) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const arrived = new Promise<void>((r) => gates.set(`${runId}#${index}`, { arrived: r, released }));
      return { arrived, release };
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type CounterServer = Awaited<ReturnType<typeof startCounterServer>>;
