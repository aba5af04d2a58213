import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiterRegistry, createPartnerCenterClient, emulatorEndpoints, systemClock as pcClock } from '@csphub/partner-center';
import { startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import {
  defineStep,
  defineWorkflow,
  noRetry,
  type WorkflowDefinition,
  type WorkflowRuntime,
} from '../src/index';
import { startReplayRuntime, type ReplayRuntime } from './replay/replay-runtime';
import { LATAM, timelineOf } from './new-tenant/new-tenant-wiring';

/**
 * Many runs at once behind a tight Partner Center limit: each run's step reads the same customer
 * (customers.get, on Microsoft's throttling list, so every call waits for the one (partner, customer)
 * limiter). The step's timeout is shorter than the time the last calls queue, but longer than any
 * call takes once sent: a step must not time out for waiting its turn.
 */
describe(`a step's timeout and the rate limiter (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const RUNS = 16;
  // One call per second: the last of 16 runs waits about 15 s for its slot, three times the step's
  // timeout, which is still ample for the call itself on a loaded machine.
  const LIMIT = { limit: 1, windowMs: 1000, burst: 1 };
  const STEP_TIMEOUT_MS = 5000;
  let emulator: RunningEmulator;
  let t: TestDatabase;
  let replay: ReplayRuntime | undefined;
  let runtime: WorkflowRuntime;
  let customerTenantId: string;

  const client = () => {
    const unlimited = { limit: 1e9, windowMs: 60_000 };
    return createPartnerCenterClient({
      limiters: createLimiterRegistry({ clock: pcClock }),
      limits: { customers: LIMIT, orders: unlimited, subscriptions: unlimited, graph: unlimited },
      connection: {
        id: 'latam',
        name: LATAM.name,
        type: 'indirect-provider',
        tenantId: LATAM.tenantId,
        appId: LATAM.app.appId,
        appSecret: LATAM.app.appSecret,
        refreshToken: LATAM.user.refreshToken,
        ...emulatorEndpoints(emulator.url),
      },
    });
  };
  let pc: ReturnType<typeof client>;

  const readCustomer = defineStep<{ customerTenantId: string }, { tenantId: string }>({
    id: 'read-customer',
    retry: noRetry,
    timeoutMs: STEP_TIMEOUT_MS,
    async run(input, ctx) {
      const customer = await pc.getCustomer(input.customerTenantId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      return { tenantId: customer.tenantId };
    },
  });
  const workflow = defineWorkflow<{ customerTenantId: string }, { tenantId: string }>({
    name: 'limiter-wait-probe',
    run: (input, wf) => wf.step(readCustomer, input),
  });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    pc = client();
    const created = await pc.createCustomer({
      domainPrefix: `lw${Date.now().toString(36)}`,
      companyName: 'Limiter Wait',
      email: 'it@limiter-wait.example',
      culture: 'en-US',
      language: 'en',
      address: { line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US', firstName: 'Ana', lastName: 'López' },
    });
    customerTenantId = created.tenantId;
    t = await createTestDatabase();
    replay = await startReplayRuntime({ journalName: 'lwsys', executorId: 'limiter-wait-test', workflow: workflow as WorkflowDefinition<never, unknown>, timeline: timelineOf(t.db) });
    runtime = replay.crash.runtime;
  }, 120_000);
  afterAll(async () => {
    await replay?.stop();
    await t?.dispose();
    await emulator?.close();
  });

  it('every run finishes: the time queued in the limiter does not count against the step timeout', async () => {
    const tag = Date.now().toString(36);
    const handles = await Promise.all(
      Array.from({ length: RUNS }, (_, i) => runtime.start(workflow, `limiter-wait:${tag}:${i}`, { customerTenantId })),
    );
    const outcomes = await Promise.allSettled(handles.map((h) => h.result()));
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
    expect(failures).toEqual([]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.tenantId : undefined))).toEqual(Array(RUNS).fill(customerTenantId));
  }, 120_000);
});
