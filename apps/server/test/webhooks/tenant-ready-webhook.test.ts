import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToStack, startStack, usCustomerBody, type Stack } from '@csphub/testing';
import { startReceiver, type Receiver } from './webhook-receiver';

/**
 * The whole server as `npm start` runs it (durable runs, embedded database and emulator, the
 * webhook dispatcher on the system clock): a reseller subscribes a local receiver to tenant.ready,
 * orders a new tenant, and the receiver, which verifies every signature with the standardwebhooks
 * package, gets tenant.ready for that account exactly once, with the tenant, MCA and GDAP state.
 */
describe('tenant.ready from a real new-tenant run (whole server)', () => {
  let stack: Stack;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startStack({ env: { DATABASE_URL: '' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('delivers tenant.ready once, signed, when onboarding completes', async () => {
    const reseller = (await signInToStack(stack.url, 'reseller@demo.test')).api;
    const home = (await reseller('GET', '/api/v1/auth/session')).body.company.id as number;
    const sub = await reseller('POST', `/api/v1/companies/${home}/webhooks`, { url: receiver.url, events: ['tenant.ready', 'tenant.provisioning_failed'] });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    receiver.state.secret = sub.body.secret as string;

    const created = await reseller('POST', '/api/v1/companies', usCustomerBody(home, 'Webhook Ready Co', 'it@webhookready.example'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const companyId = created.body.id as number;
    const connectionId = (await reseller('GET', `/api/v1/companies/${companyId}/onboarding`)).body.defaultConnectionId as string;
    const prefix = `whready${Date.now() % 1_000_000}`;
    const finish = await reseller('POST', `/api/v1/companies/${companyId}/onboarding/new-tenant`, {
      connectionId,
      domainPrefix: prefix,
      culture: 'en-US',
      defaultGdap: true,
      attestation: { firstName: 'Ana', lastName: 'Ready', email: 'ana@webhookready.example', acceptedAt: '2026-01-15T00:00:00.000Z' },
    });
    expect(finish.status, JSON.stringify(finish.body)).toBe(202);

    const ready = () => receiver.received.filter((r) => r.body.type === 'tenant.ready' && r.body.data.companyId === companyId);
    const deadline = Date.now() + 90_000;
    while (ready().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(ready(), 'tenant.ready never arrived').toHaveLength(1);
    // A few more dispatcher ticks (every 2 s): nothing more arrives for it.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(ready()).toHaveLength(1);
    const [got] = ready();
    expect(got!.verified).toBe(true);
    expect(got!.body).toMatchObject({
      type: 'tenant.ready',
      version: 1,
      data: { companyId, companyName: 'Webhook Ready Co', reseller: { id: home }, connectionId, defaultDomain: `${prefix}.onmicrosoft.com`, mca: 'attested', gdap: 'default' },
    });
    expect(receiver.received.filter((r) => r.body.type === 'tenant.provisioning_failed' && r.body.data.companyId === companyId)).toHaveLength(0);

    const log = await reseller('GET', `/api/v1/companies/${home}/webhooks/${sub.body.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items.find((d: { eventId: string }) => d.eventId === got!.id)).toMatchObject({ status: 'succeeded', attempts: 1, lastResponseCode: 204 });
  }, 150_000);
});
