import { isPartnerCenterError, type CreatedCustomer } from '@csphub/partner-center';
import { beforeAll, describe, expect, it } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';
import { sharedCustomer } from './customers.contract';

/** The signer every contract attestation uses. */
export const contractSigner = {
  firstName: 'Ana',
  lastName: 'Contract',
  email: 'ana.contract@example.com',
  phoneNumber: '+1 425 555 0100',
};

/** Makes sure the shared customer has an MCA attestation (idempotent within a run). */
export async function ensureMca(ctx: ContractContext, customerTenantId: string): Promise<void> {
  const client = ctx.target.client('indirect');
  if (await client.hasMca(customerTenantId)) return;
  await client.confirmMca(customerTenantId, { signer: contractSigner, acceptedAt: new Date() });
}

/** Microsoft Customer Agreement (docs/PARTNER-CENTER-REFERENCE.md §5). */
export function registerAgreementContract(ctx: ContractContext): void {
  describe('Microsoft Customer Agreement', () => {
    let customer: CreatedCustomer;
    beforeAll(async () => {
      customer = await sharedCustomer(ctx);
    });

    it('names the current MCA template', async () => {
      const template = await ctx.target.client('indirect').getMcaTemplate();
      expect(template.templateId).toMatch(/^[0-9a-f-]{36}$/i);
      expect(template.link).toMatch(/^https?:\/\//);
    });

    it('records an attestation, lists it, and refuses the same one twice', async () => {
      const client = ctx.target.client('indirect');
      expect(await client.listMcaAttestations(customer.tenantId)).toEqual([]);
      expect(await client.hasMca(customer.tenantId)).toBe(false);
      const acceptedAt = new Date('2026-01-15T10:00:00Z');
      const attestation = await client.confirmMca(customer.tenantId, { signer: contractSigner, acceptedAt });
      expect(attestation.signer).toEqual(contractSigner);
      expect(Date.parse(attestation.acceptedAt)).toBe(acceptedAt.getTime());
      const listed = await client.listMcaAttestations(customer.tenantId);
      expect(listed.map((a) => a.signer.email)).toEqual([contractSigner.email]);
      expect(await client.hasMca(customer.tenantId)).toBe(true);

      const again = await client
        .confirmMca(customer.tenantId, { signer: contractSigner, acceptedAt })
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(again, 'MCA_ALREADY_CONFIRMED')).toBe(true);
    });

    it('reports that the customer did not sign the MCA directly', async () => {
      expect(await ctx.target.client('indirect').isMcaDirectlySigned(customer.tenantId)).toBe(false);
    });
  });

  // The enhanced attestation (§5.5): app-only, the signatory decides in Microsoft's component.
  describe('Microsoft Customer Agreement, enhanced attestation', () => {
    const controlIt = itWithControl(ctx);
    let customer: CreatedCustomer;
    beforeAll(async () => {
      customer = await sharedCustomer(ctx);
    });
    const signatory = (email: string) => ({ country: ctx.target.fixtures.address.country, language: 'es', companyName: 'Contract Signatory Ltd', firstName: 'Sofía', lastName: 'Firmante', email, phoneNumber: '+1 425 555 0111' });

    it('creates a pending attestation with an app-only token and reads it back', async () => {
      const client = ctx.target.client('indirect-app-only');
      const created = await client.createMcaAttestation(signatory('sofia.pending@example.com'));
      expect(created.attestationId).toMatch(/\S/);
      expect(created.status).toBe('pending');
      const read = await client.getMcaAttestation(created.attestationId);
      expect(read).toMatchObject({ attestationId: created.attestationId, status: 'pending', acceptedAt: null });
    });

    it('refuses an agreement from an attestation nobody accepted yet', async () => {
      const client = ctx.target.client('indirect-app-only');
      const created = await client.createMcaAttestation(signatory('sofia.early@example.com'));
      const refused = await client.createMcaAgreementFromAttestation(customer.tenantId, created.attestationId).catch((e: unknown) => e);
      expect(isPartnerCenterError(refused, 'INVALID_REQUEST')).toBe(true);
    });

    controlIt('creates the agreement once the signatory accepts; the same attestation twice is 600061', async () => {
      const client = ctx.target.client('indirect-app-only');
      const created = await client.createMcaAttestation(signatory('sofia.accepts@example.com'));
      expect(created.acceptanceUrl).toContain(created.attestationId);
      await ctx.control.decideMcaAttestation(created.attestationId, 'accept');
      const read = await client.getMcaAttestation(created.attestationId);
      expect(read.status).toBe('accepted');
      expect(read.templateId).toMatch(/^[0-9a-f-]{36}$/i);
      const agreement = await client.createMcaAgreementFromAttestation(customer.tenantId, created.attestationId);
      expect(agreement.templateId).toBe(read.templateId);
      const listed = await ctx.target.client('indirect').listMcaAttestations(customer.tenantId);
      expect(listed.map((a) => a.signer.email)).toContain('sofia.accepts@example.com');
      const again = await client.createMcaAgreementFromAttestation(customer.tenantId, created.attestationId).catch((e: unknown) => e);
      expect(isPartnerCenterError(again, 'MCA_ALREADY_CONFIRMED')).toBe(true);
    });

    controlIt('a declined attestation never makes an agreement', async () => {
      const client = ctx.target.client('indirect-app-only');
      const created = await client.createMcaAttestation(signatory('sofia.declines@example.com'));
      await ctx.control.decideMcaAttestation(created.attestationId, 'decline');
      expect((await client.getMcaAttestation(created.attestationId)).status).toBe('declined');
      const refused = await client.createMcaAgreementFromAttestation(customer.tenantId, created.attestationId).catch((e: unknown) => e);
      expect(isPartnerCenterError(refused, 'INVALID_REQUEST')).toBe(true);
    });

    controlIt('a new MCA version makes the customer accept again', async () => {
      const client = ctx.target.client('indirect');
      expect(await client.hasMca(customer.tenantId)).toBe(true);
      const published = await ctx.control.publishMcaVersion();
      expect((await client.getMcaTemplate()).templateId).toBe(published.templateId);
      expect(await client.mcaStatus(customer.tenantId)).toEqual({ state: 'outdated', currentTemplateId: published.templateId });
      const appOnly = ctx.target.client('indirect-app-only');
      const created = await appOnly.createMcaAttestation(signatory('sofia.accepts@example.com'));
      await ctx.control.decideMcaAttestation(created.attestationId, 'accept');
      // The same signatory may accept the new version: another template is another agreement.
      expect((await appOnly.createMcaAgreementFromAttestation(customer.tenantId, created.attestationId)).templateId).toBe(published.templateId);
      expect(await client.hasMca(customer.tenantId)).toBe(true);
    });
  });
}
