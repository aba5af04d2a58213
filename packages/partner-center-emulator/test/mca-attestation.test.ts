import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { Harness, LATAM, tenant } from './support/emulator-harness';

const contact = { firstName: 'Lucía', lastName: 'Hernández', email: 'lucia@wingtiptoys.mx', phoneNumber: '+52 55 5555 0101' };
const signatory = { country: 'MX', language: 'es', companyName: 'Wingtip Toys', signatoryFirstName: 'Lucía', signatoryLastName: 'Hernández', signatoryEmail: 'lucia@wingtiptoys.mx' };

async function acceptInComponent(h: Harness, attestationId: string, form: Record<string, string>) {
  const res = await h.app.request(`/mca/acceptance/${attestationId}`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, html: await res.text() };
}

describe('enhanced MCA attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5)', () => {
  it('creates an attestation app-only, plays the component in Spanish, then makes the agreement from it', async () => {
    const h = new Harness();
    const app = await h.token(LATAM);
    const created = await h.call('POST', '/v1/attestations/enhanced', { token: app, body: signatory });
    expect(created.status).toBe(201);
    const id = created.body.attestationId as string;
    expect(created.body.status).toBe('Pending');

    const page = await h.app.request(`/mca/acceptance/${id}`);
    const html = await page.text();
    expect(html).toContain('Revise y acepte el Contrato de cliente de Microsoft');
    expect(html).toContain('lang="es"');
    expect(await (await h.app.request(`/mca/acceptance/${id}?language=en`)).text()).toContain('Review and accept the Microsoft Customer Agreement');

    // Accepting needs the confirmation ticked; nothing changes without it.
    expect((await acceptInComponent(h, id, { decision: 'accept' })).status).toBe(400);
    expect((await h.call('GET', `/v1/attestations/enhanced/${id}`, { token: app })).body.status).toBe('Pending');
    const customerId = tenant('wingtip').tenantId;
    const early = await h.call('POST', `/v1/customers/${customerId}/agreements`, { token: app, body: { attestationId: id, type: 'MicrosoftCustomerAgreement' } });
    expect([early.status, early.body.code]).toEqual([400, 3000]);

    const accepted = await acceptInComponent(h, id, { decision: 'accept', confirm: 'yes' });
    expect(accepted.html).toContain('Ha aceptado el Contrato de cliente de Microsoft');
    const read = await h.call('GET', `/v1/attestations/enhanced/${id}`, { token: app });
    expect(read.body).toMatchObject({ status: 'Accepted', templateId: '117a77b0-9360-443b-8795-c6dedc750cf9' });

    const agreement = await h.call('POST', `/v1/customers/${customerId}/agreements`, { token: app, body: { attestationId: id, type: 'MicrosoftCustomerAgreement' } });
    expect(agreement.status).toBe(201);
    expect(agreement.body.primaryContact).toMatchObject({ firstName: 'Lucía', email: 'lucia@wingtiptoys.mx' });
    expect(agreement.body.dateAgreed).toBe(read.body.acceptedDateTime);
    const again = await h.call('POST', `/v1/customers/${customerId}/agreements`, { token: app, body: { attestationId: id, type: 'MicrosoftCustomerAgreement' } });
    expect([again.status, again.body.code, again.body.errorName]).toEqual([409, 600061, 'PartnerConfirmedAgreementAlreadyExists']);
  });

  it('keeps the first decision, and hides another partner’s attestation', async () => {
    const h = new Harness();
    const app = await h.token(LATAM);
    const id = (await h.call('POST', '/v1/attestations/enhanced', { token: app, body: signatory })).body.attestationId as string;
    const declined = await acceptInComponent(h, id, { decision: 'decline' });
    expect(declined.html).toContain('Ha rechazado');
    await acceptInComponent(h, id, { decision: 'accept', confirm: 'yes' });
    expect((await h.call('GET', `/v1/attestations/enhanced/${id}`, { token: app })).body.status).toBe('Declined');
    const missing = await h.call('GET', '/v1/attestations/enhanced/00000000-0000-0000-0000-000000000000', { token: app });
    expect([missing.status, missing.body.code]).toEqual([404, 1000]);
  });

  it('names the invalid field of a bad attestation body', async () => {
    const h = new Harness();
    const res = await h.call('POST', '/v1/attestations/enhanced', { token: await h.token(LATAM), body: { ...signatory, country: 'Mexico', signatoryEmail: 'nope' } });
    expect([res.status, res.body.code]).toEqual([400, 3000]);
    expect(res.body.data).toEqual(expect.arrayContaining(['country', 'signatoryEmail']));
  });

  it('refuses the partner-typed confirmation after the cut-over set on the control plane, not before', async () => {
    const h = new Harness();
    const user = await h.token(LATAM, 'user');
    const id = tenant('wingtip').tenantId;
    const meta = await h.call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement', { token: user });
    const body = { primaryContact: contact, templateId: meta.body.items[0].templateId, dateAgreed: '2026-03-01T00:00:00Z', type: 'MicrosoftCustomerAgreement' };
    expect((await h.control('GET', '/mca')).body.legacyMcaAttestationRetiredAt).toBeNull();
    await h.control('PUT', '/settings', { legacyMcaAttestationRetiredAt: '2026-03-03T00:00:00Z' });
    expect((await h.call('POST', `/v1/customers/${id}/agreements`, { token: user, body })).status).toBe(201);
    await h.advance(86_400);
    const refused = await h.call('POST', `/v1/customers/${id}/agreements`, { token: await h.token(LATAM, 'user'), body: { ...body, primaryContact: { ...contact, email: 'b@wingtiptoys.mx' } } });
    expect([refused.status, refused.body.code]).toEqual([403, 600006]);
    expect(refused.body.description).toContain('/v1/attestations/enhanced');
  });

  it('takes the cut-over from the scenario', async () => {
    const h = new Harness({ scenario: { ...DEFAULT_SCENARIO, legacyMcaAttestationRetiredAt: '2026-01-01T00:00:00Z' } });
    expect((await h.control('GET', '/mca')).body.legacyMcaAttestationRetiredAt).toBe('2026-01-01T00:00:00Z');
  });

  it('a new MCA version blocks purchases until it is accepted', async () => {
    const h = new Harness();
    const before = (await h.control('GET', '/mca')).body.current;
    const published = await h.control('POST', '/mca/versions', {});
    expect(published.status).toBe(201);
    expect(published.body.versionRank).toBe(before.versionRank + 1);
    const meta = await h.call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement', { token: await h.token(LATAM) });
    expect(meta.body.items.map((i: { templateId: string }) => i.templateId)).toContain(published.body.templateId);
  });
});
