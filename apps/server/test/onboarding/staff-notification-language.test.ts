import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo, createSecretBox } from '@csphub/db';
import { loadConfig } from '@csphub/config';
import type { LinkExistingTenantInput, NewTenantInput } from '@csphub/provisioning';
import { notifierFor } from '../../src/app/composition';
import { startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * "Notify me" goes in the staff member's language (their company's: people have no language of
 * their own), the customer's messages in the customer's; the wording chain (reseller, distributor,
 * built-in) applies in the language of each message (docs/NOTIFICATIONS.md).
 */
describe("staff notices in the staff member's language", () => {
  let w: OnboardingWorld;
  let ana: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  const newTenants: NewTenantInput[] = [];
  const links: LinkExistingTenantInput[] = [];
  const fabrikamTenant = 'c2b20001-3d4e-4f60-9b7c-000000000001';

  beforeAll(async () => {
    w = await startOnboardingWorld({
      runs: {
        startNewTenant: async (input) => (newTenants.push(input), { runId: `provision-tenant:${input.companyId}:${input.connectionId}`, outcome: 'started' }),
        startLinkExistingTenant: async (input, runId) => (links.push(input), { runId: runId ?? 'run' }),
      },
    });
    const now = new Date();
    // A Spanish-speaking reseller; its customers speak English.
    await w.repos.companies.update(w.adatum.id, { language: 'es' }, now);
    await w.repos.companies.update(w.customer.id, { language: 'en' }, now);
    ana = await w.signIn('ana@adatum.example');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  it("a new tenant for an English customer: Ana's notice is in Spanish (the distributor's Spanish wording), the customer's welcome in English", async () => {
    // The distributor's own Spanish wording of the notice reaches the customer's messages in Spanish only.
    await w.repos.notificationTemplates.save({
      companyId: w.d.id,
      templateId: 'provisioning-completed',
      language: 'es',
      subject: 'Listo: {{companyName}}',
      paragraphs: ['Hola {{recipientName}}:', '{{domain}} ({{tenantId}}) listo. {{accountUrl}}'],
      at: new Date(),
      by: 'test',
    });
    const prefix = `wingtipstaff${Date.now() % 100_000}`;
    const res = await ana('POST', `/api/v1/companies/${w.other.id}/onboarding/new-tenant`, {
      connectionId: w.conn.id,
      domainPrefix: prefix,
      culture: 'en-US',
      defaultGdap: true,
      notifyMe: true,
      attestation: { firstName: 'Wen', lastName: 'Tip', email: 'wen@wingtip-mx.example', acceptedAt: '2026-01-05T00:00:00.000Z' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const input = newTenants.at(-1)!;
    expect(input.notify).toEqual({ name: 'Ana Reseller', email: 'ana@adatum.example', language: 'es' });
    expect(input.credentialsRecipient.language).toBe('en');

    // The messages as the run's notify and credentials steps send them, through the server's notifier.
    const notifier = notifierFor({ db: w.database.db, box: createSecretBox(Buffer.alloc(32)) }, loadConfig({ CSPHUB_EMULATOR: 'off' }).mail);
    const domain = `${prefix}.onmicrosoft.com`;
    const subjectId = String(input.companyId);
    await notifier.send({ template: 'provisioning-completed', dedupeKey: 'staff:completed', to: [input.notify!.email], language: input.notify!.language, subjectId, fields: { recipientName: input.notify!.name, companyName: w.other.name, domain, tenantId: 't-1', accountUrl: input.accountUrl } });
    await notifier.send({ template: 'welcome', dedupeKey: 'staff:welcome', to: [input.credentialsRecipient.email], language: input.credentialsRecipient.language, subjectId, fields: { recipientName: input.credentialsRecipient.name, companyName: w.other.name, domain, adminSignInName: `admin@${domain}`, temporaryPassword: 'S3cret-pw', signInUrl: 'https://portal.office.com' } });
    const sent = await createOutboxRepo(w.database.db, createSecretBox(Buffer.alloc(32))).list({ subjectId });
    const staff = sent.find((m) => m.dedupeKey === 'staff:completed')!;
    const customer = sent.find((m) => m.dedupeKey === 'staff:welcome')!;
    expect(staff).toMatchObject({ language: 'es', to: ['ana@adatum.example'], subject: `Listo: ${w.other.name}` });
    expect(customer).toMatchObject({ language: 'en', to: ['ti@wingtip-mx.example'], subject: `Your Microsoft tenant ${domain} is ready` });
  });

  it("an existing tenant of an English customer: Ana's notices (accepted, then done) are in Spanish", async () => {
    const open = await ana('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id, domain: 'fabrikam.com' });
    expect(open.status).toBe(200);
    await w.control.acceptRelationship({ partner: 'distributor-latam', customer: fabrikamTenant, indirectReseller: 'adatum' });
    await w.control.flushWebhooks();
    expect((await ana('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: 'fabrikam.com' })).body.status).toBe('verified');
    // The acceptance (detected from Partner Center's webhook) is told to Ana, who asked for it, in her company's Spanish.
    const accepted = (await createOutboxRepo(w.database.db, createSecretBox(Buffer.alloc(32))).list({ subjectId: String(w.customer.id) })).filter((m) => m.template === 'authorization-accepted');
    expect(accepted).toEqual([expect.objectContaining({ language: 'es', to: ['ana@adatum.example'], subject: `${w.customer.name} aceptó la relación: ya puede finalizar el pedido` })]);
    const res = await ana('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/checkout`, {
      connectionId: w.conn.id,
      requestGdap: false,
      notifyMe: true,
      attestation: { firstName: 'Lucía', lastName: 'Hernández', email: 'lucia@fabrikam.com', acceptedAt: '2026-01-05T00:00:00.000Z' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(links.at(-1)!.notify).toEqual({ name: 'Ana Reseller', email: 'ana@adatum.example', language: 'es' });
  });
});
