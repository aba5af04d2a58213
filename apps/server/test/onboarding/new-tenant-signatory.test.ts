import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewTenantInput } from '@csphub/provisioning';
import { startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * Finish of the new-tenant wizard with the customer's MCA signatory (docs/PARTNER-CENTER-REFERENCE.md
 * §5.5): the run is started with the signatory, completed from the account (company, country,
 * language) and the partner asking (the reseller), and audited; giving neither a signatory nor a
 * recorded attestation, or both, is a 4xx naming `signatory` that starts nothing.
 */
describe('new-tenant Finish with the MCA signatory', () => {
  let w: OnboardingWorld;
  const started: NewTenantInput[] = [];
  let ana: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  beforeAll(async () => {
    w = await startOnboardingWorld({
      runs: {
        startNewTenant: async (input) => {
          started.push(input);
          return { runId: `provision-tenant:${input.companyId}:${input.connectionId}`, outcome: 'started' };
        },
      },
    });
    ana = await w.signIn('ana@adatum.example');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });
  const order = (extra: Record<string, unknown>) => ({ connectionId: w.conn.id, domainPrefix: `fabrikamsig${Date.now() % 100_000}`, culture: 'es-MX', defaultGdap: true, ...extra });

  it('starts the run with the signatory, completed from the account, and audits who will be asked', async () => {
    const res = await ana('POST', `/api/v1/companies/${w.customer.id}/onboarding/new-tenant`, order({ signatory: { firstName: 'Sofía', lastName: 'Firmante', email: 'sofia@fabrikam-mx.example' } }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(started.at(-1)?.mca).toEqual({
      kind: 'signatory',
      firstName: 'Sofía',
      lastName: 'Firmante',
      email: 'sofia@fabrikam-mx.example',
      companyName: 'Fabrikam Mexico',
      country: 'MX',
      language: 'es',
      partnerName: 'Adatum Soluciones',
    });
    const audit = await w.repos.auditLog.list({ pathPrefix: w.customer.path, companyId: w.customer.id, action: 'tenant.provisioning_ordered', limit: 5 });
    expect(audit[0]?.summary).toContain('MCA acceptance to be requested from Sofía Firmante <sofia@fabrikam-mx.example>');
  });

  it('refuses neither or both, naming the field, and starts nothing', async () => {
    const before = started.length;
    const neither = await ana('POST', `/api/v1/companies/${w.customer.id}/onboarding/new-tenant`, order({}));
    expect(neither.status).toBeGreaterThanOrEqual(400);
    expect(neither.status).toBeLessThan(500);
    expect(JSON.stringify(neither.body.errors)).toContain('signatory');
    const both = await ana('POST', `/api/v1/companies/${w.customer.id}/onboarding/new-tenant`, order({
      signatory: { firstName: 'Sofía', lastName: 'Firmante', email: 'sofia@fabrikam-mx.example' },
      attestation: { firstName: 'Ana', lastName: 'L', email: 'ana@fabrikam-mx.example', acceptedAt: '2026-01-01T00:00:00.000Z' },
    }));
    expect(both.status).toBeGreaterThanOrEqual(400);
    expect(both.status).toBeLessThan(500);
    const badCountry = await ana('POST', `/api/v1/companies/${w.customer.id}/onboarding/new-tenant`, order({ signatory: { firstName: 'S', lastName: 'F', email: 'sofia@fabrikam-mx.example', country: 'Mexico' } }));
    expect(badCountry.status).toBe(400);
    expect(JSON.stringify(badCountry.body)).toContain('signatory.country');
    expect(started.length).toBe(before);
  });
});
