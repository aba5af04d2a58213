import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_DEMO_PASSWORD, signInToStack, startStack, usCustomerBody, type Stack } from '@csphub/testing';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

const DEMO_PASSWORD = STACK_DEMO_PASSWORD;
/** The Partner Center operations behind one subscriptions page read. */
const READS = new Set(['subscriptions.list', 'subscribedSkus.list']);
const FLOOD = 300;
/** What the client's limiter lets leave back to back (a tenth of 450 a minute, packages/partner-center/src/rate-limiter.ts). */
const BURST = 45;
const MAX_QUEUED = 200;

/**
 * A person (or a script) who opens the subscriptions page hundreds of times and goes away must not
 * cost Partner Center calls after leaving, nor hold up a provisioning run on the same connection
 * (docs/ORDERS-AND-SUBSCRIPTIONS.md, "Partner Center calls: priority, bound, cancellation"). The
 * whole server as `npm start` runs it, with real sockets closed by the client; the emulator's call
 * log says what was sent and in which order (counts, never timings). A 429 with Retry-After on the
 * first read pauses the connection's limiter, so the whole flood is queued (or refused) before the
 * clients go, whatever the machine's load.
 */
describe('abandoned subscription reads (whole server)', () => {
  let stack: Stack;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    const env: Record<string, string> = { DATABASE_URL: '', CSPHUB_DEMO_PASSWORD: DEMO_PASSWORD, CSPHUB_PC_MAX_QUEUED: String(MAX_QUEUED) };
    const url = process.env.DATABASE_URL;
    if (url) {
      // The PostgreSQL pass: a throwaway database of its own, with the demo data asked for.
      const name = `csphub_reads_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`).finally(() => admin.end());
      const target = new URL(url);
      target.pathname = `/${name}`;
      Object.assign(env, { DATABASE_URL: target.toString(), CSPHUB_DEMO: '1' });
      dropDatabase = async () => {
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`drop database if exists ${name} with (force)`).finally(() => drop.end());
      };
    }
    stack = await startStack({ env, timeoutMs: 300_000 });
  }, 320_000);
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase();
  });

  const signIn = (email: string) => signInToStack(stack.url, email);

  const control = () => createEmulatorControl(stack.emulatorUrl);
  const callLog = async () => (await control().calls()).calls;
  const readsIn = (calls: { operation: string }[]) => calls.filter((c) => READS.has(c.operation)).length;
  const until = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** Starts `n` reads of the page, each with its own AbortController; statuses land in `answers`. */
  function flood(n: number, path: string, headers: Record<string, string>) {
    const controllers = Array.from({ length: n }, () => new AbortController());
    const answers: { status: number; retryAfter: string | null; body: { code?: string } }[] = [];
    const done = controllers.map((c) =>
      fetch(`${stack.url}${path}`, { headers, signal: c.signal }).then(
        async (r) => void answers.push({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json().catch(() => ({}))) as { code?: string } }),
        () => undefined, // the client went away
      ),
    );
    return { answers, abort: () => controllers.forEach((c) => c.abort()), settled: () => Promise.all(done) };
  }

  it('sends no call for a read whose client went away, refuses reads past the bounded queue at once, and a new-tenant run on that connection has no read queued ahead of it', async () => {
    const { api, headers } = await signIn('distributor@demo.test');
    const list = (await api('GET', '/api/v1/companies/tree')).body.nodes as { id: number; name: string }[];
    const wingtip = list.find((c) => c.name.startsWith('Wingtip'))!;
    const adatum = list.find((c) => c.name.startsWith('Adatum'))!;
    const page = `/api/v1/companies/${wingtip.id}/subscriptions`;
    const first = await api('GET', page);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const connectionId = first.body.tenants[0].connection.id as string;

    // Partner Center throttles the first read: the connection's limiter pauses for its Retry-After,
    // so every later call of the flood waits in the queue (none can leave before the clients go).
    await control().clearCalls();
    await control().injectFault({ route: 'GET /v1/customers/:customerId/subscriptions', status: 429, retryAfterSeconds: 120, count: 1 });
    // An explicit refresh reads Partner Center (a plain view is served from the stored read).
    const reads = flood(FLOOD, `${page}?refresh=true`, headers);
    // At most the burst left before the 429 came back, MAX_QUEUED wait; the rest are refused at
    // once (within the pause), with when to come back.
    const refusedAtOnce = FLOOD - BURST - MAX_QUEUED;
    await until('the reads past the bound to be refused', async () => reads.answers.filter((a) => a.status === 503).length >= refusedAtOnce, 110_000);
    const busy = reads.answers.filter((a) => a.status === 503);
    for (const b of busy) {
      expect(b.body.code).toBe('PARTNER_CENTER_BUSY');
      expect(Number(b.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Every client goes away.
    reads.abort();
    await reads.settled();
    await control().clearFaults();

    // A new-tenant run on the same connection, started after the clients left.
    const created = await api('POST', '/api/v1/companies', usCustomerBody(adatum.id, 'Flood Test Co', 'it@floodtest.example'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const companyId = created.body.id as number;
    const prefix = `flood${Date.now() % 1_000_000}`;
    const finish = await api('POST', `/api/v1/companies/${companyId}/onboarding/new-tenant`, {
      connectionId,
      domainPrefix: prefix,
      culture: 'en-US',
      defaultGdap: true,
      attestation: { firstName: 'Ana', lastName: 'Flood', email: 'ana@floodtest.example', acceptedAt: '2026-01-15T00:00:00.000Z' },
    });
    expect(finish.status, JSON.stringify(finish.body)).toBe(202);
    const runId = finish.body.runId as string;
    await until(
      'the run to succeed',
      async () => ((await api('GET', `/api/v1/companies/${companyId}/onboarding/runs`)).body.items as { id: string; state: string }[]).find((r) => r.id === runId)?.state === 'succeeded',
      180_000,
    );

    const log = await callLog();
    const byOp = (calls: { operation: string }[]) => JSON.stringify(calls.reduce<Record<string, number>>((n, c) => ({ ...n, [c.operation]: (n[c.operation] ?? 0) + 1 }), {}));
    const sent = log.filter((c) => READS.has(c.operation) && !c.fault);
    // Only reads the limiter let go before the 429 came back (its burst), while their clients were still there.
    expect(sent.length, `subscription reads sent (calls: ${byOp(log)})`).toBeLessThanOrEqual(BURST);
    expect(sent.every((c) => log.indexOf(c) < log.findIndex((x) => x.operation === 'validations.address')), 'no read after the clients went away').toBe(true);
    const runStart = log.findIndex((c) => c.operation === 'customers.create');
    expect(runStart, 'the run created the customer').toBeGreaterThanOrEqual(0);
    expect(readsIn(log.slice(runStart)), 'reads queued ahead of the run').toBe(0);
    expect(log.filter((c) => c.operation === 'customers.create')).toHaveLength(1);
  }, 400_000);
});
