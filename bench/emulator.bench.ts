/**
 * Partner Center emulator throughput: requests per second for GET /v1/customers/{id} and
 * POST /v1/customers against a started emulator (in this process, real HTTP on loopback), with
 * plain concurrent fetch loops; plus the CLI's time to "listening".
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

type Report = (name: string, value: number, unit: string) => void;

const CONCURRENCY = 16;
const DURATION_MS = 4000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function loop(durationMs: number, concurrency: number, request: (n: number) => Promise<Response>): Promise<{ perSecond: number; errors: number; p50: number; p99: number }> {
  let counter = 0;
  let errors = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const n = counter++;
        const t0 = performance.now();
        const res = await request(n);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status >= 400) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, errors, p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

async function cliStartMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/csp-emulator'), '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`csp-emulator exited with ${code}`)));
  });
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

export default async function bench(report: Report): Promise<void> {
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const emulator = await startEmulator({ port: 0 });
  try {
    // Lift the 500/min throttle so the figures measure the emulator, not its rate limit.
    await createEmulatorControl(emulator.url).setThrottling({ limitPerMinute: 100_000_000 });
    const tokenRes = await fetch(`${emulator.url}/login/${latam.tenantId}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: latam.app.appId, client_secret: latam.app.appSecret, resource: 'https://api.partnercenter.microsoft.com' }),
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const auth = { Authorization: `Bearer ${token}` };
    const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!.tenantId;

    await loop(500, CONCURRENCY, () => fetch(`${emulator.url}/v1/customers/${wingtip}`, { headers: auth }));
    const get = await loop(DURATION_MS, CONCURRENCY, () => fetch(`${emulator.url}/v1/customers/${wingtip}`, { headers: auth }));
    report(`GET /v1/customers/{id} (${CONCURRENCY} concurrent)`, get.perSecond, 'req/s');
    report('GET /v1/customers/{id} p50 latency', get.p50, 'ms');
    report('GET /v1/customers/{id} p99 latency', get.p99, 'ms');
    if (get.errors) report('GET /v1/customers/{id} errors', get.errors, 'responses');

    const runId = Date.now().toString(36);
    const post = await loop(DURATION_MS, CONCURRENCY, (n) =>
      fetch(`${emulator.url}/v1/customers`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'MS-RequestId': `${runId}-${n}` },
        body: JSON.stringify({
          companyProfile: { domain: `bench${runId}${n}.onmicrosoft.com` },
          billingProfile: {
            email: `it@bench${n}.com`,
            culture: 'en-US',
            language: 'en',
            companyName: `Bench ${n}`,
            defaultAddress: { firstName: 'A', lastName: 'B', addressLine1: '1 Main St', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' },
          },
        }),
      }),
    );
    report(`POST /v1/customers (${CONCURRENCY} concurrent, in memory)`, post.perSecond, 'req/s');
    report('POST /v1/customers p50 latency', post.p50, 'ms');
    if (post.errors) report('POST /v1/customers errors', post.errors, 'responses');
  } finally {
    await emulator.close();
  }
  report('csp-emulator CLI start to listening (incl. tsx)', await cliStartMs(), 'ms');
}
