import { isPartnerCenterError, type CreatedCustomer } from '@csphub/partner-center';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context';
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
  if ((await client.listMcaAttestations(customerTenantId)).length > 0) return;
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
}
