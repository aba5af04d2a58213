/**
 * "Retry" under load, on the whole server (`startStack`, embedded PGlite with DBOS's single-
 * connection system pool, decision 0005): N new-tenant runs stop at the MCA confirmation (an
 * injected business 400) while every timeline is polled every 2 s as the UI does; after an idle
 * wait, each run is retried twice at once. Reports the retry's HTTP latency, the time until every
 * run is synced, and how many "system database connection held" warnings the server logged.
 * This is the probe behind decision 0005's "Retry and the single-connection system pool".
 */
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { STACK_DEMO_PASSWORD, startStack } from '../packages/testing/src/index';

type Report = (name: string, value: number, unit: string) => void;

const RUNS = Number(process.env.BENCH_RETRY_RUNS ?? 30);
const IDLE_MS = Number(process.env.BENCH_RETRY_IDLE_MS ?? 10_000);

export default async function bench(report: Report): Promise<void> {
  const stack = await startStack();
  try {
    const login = await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'reseller@demo.test', password: STACK_DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; ms: number; body: any }> => {
      const started = performance.now();
      const r = await fetch(`${stack.url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const text = await r.text();
      return { status: r.status, ms: performance.now() - started, body: text ? JSON.parse(text) : undefined };
    };
    const control = createEmulatorControl(stack.emulatorUrl);
    const home = ((await api('GET', '/api/v1/auth/session')).body as { company: { id: number } }).company.id;
    await control.injectFault({ route: 'POST /v1/customers/:id/agreements', status: 400, count: 100_000 });

    const runs: { companyId: number; runId: string }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const slug = `benchretry${i}x${Date.now() % 100_000}`;
      const created = await api('POST', '/api/v1/companies', {
        kind: 'customer', parentId: home, name: `Bench Retry ${i} ${slug}`, email: `it@${slug}.example`, country: 'US', language: 'en', contactPerson: 'Bench',
        billingLine1: '1 Main Street', billingCity: 'Seattle', billingState: 'WA', billingPostalCode: '98101', billingCountry: 'US', phone: '+1 206 555 0100',
      });
      const companyId = created.body.id as number;
      const connectionId = (await api('GET', `/api/v1/companies/${companyId}/onboarding`)).body.defaultConnectionId as string;
      const finish = await api('POST', `/api/v1/companies/${companyId}/onboarding/new-tenant`, {
        connectionId, domainPrefix: slug, culture: 'en-US', defaultGdap: true,
        attestation: { firstName: 'Bench', lastName: 'Retry', email: 'bench@retry.example', acceptedAt: '2026-01-01T00:00:00.000Z' },
      });
      runs.push({ companyId, runId: finish.body.runId as string });
    }
    let polling = true;
    const pollers = runs.map(async (r) => {
      while (polling) {
        await api('GET', `/api/v1/companies/${r.companyId}/onboarding/runs`);
        await new Promise((res) => setTimeout(res, 2000));
      }
    });
    const stateOf = async (r: { companyId: number; runId: string }) => ((await api('GET', `/api/v1/companies/${r.companyId}/onboarding/runs`)).body.items as { id: string; state: string }[]).find((x) => x.id === r.runId)?.state;
    const waitAll = async (state: string) => {
      const deadline = Date.now() + 180_000;
      while (!(await Promise.all(runs.map(stateOf))).every((s) => s === state)) {
        if (Date.now() > deadline) throw new Error(`runs did not all reach ${state}`);
        await new Promise((res) => setTimeout(res, 500));
      }
    };
    await waitAll('needs_attention');
    await new Promise((res) => setTimeout(res, IDLE_MS));
    await control.clearFaults();

    const started = performance.now();
    const retries = await Promise.all(runs.flatMap((r) => [0, 1].map(() => api('POST', `/api/v1/companies/${r.companyId}/onboarding/runs/${encodeURIComponent(r.runId)}/retry`))));
    const latencies = retries.map((r) => r.ms).sort((a, b) => a - b);
    await waitAll('succeeded');
    const synced = performance.now() - started;
    polling = false;
    await Promise.all(pollers);

    report(`retry POST p50 (${RUNS} waiting runs, 2 clicks each)`, latencies[Math.floor(latencies.length / 2)]!, 'ms');
    report('retry POST max', latencies.at(-1)!, 'ms');
    report('retry POSTs not answered 202 or 409', retries.filter((r) => r.status !== 202 && r.status !== 409).length, 'requests');
    report('from the retries to every run synced', synced, 'ms');
    report('system-pool stall warnings in the server log', (stack.output().match(/system database connection is held/g) ?? []).length, 'lines');
  } finally {
    await stack.stop();
  }
}
