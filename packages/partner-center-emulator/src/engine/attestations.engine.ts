import type { CreateAgreementFromAttestationRequest, EnhancedAttestationRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { AgreementRecord, AttestationRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { getVisibleCustomer } from './customers.engine';
import { currentMcaTemplate, recordAgreement } from './agreements.engine';

/**
 * Enhanced MCA attestations (docs/PARTNER-CENTER-REFERENCE.md §5.5; Microsoft Learn, "Confirm
 * customer acceptance of the Microsoft Customer Agreement"): the partner names the customer's
 * signatory, the signatory reads and accepts (or declines) the MCA in Microsoft's component, and the
 * partner then creates the agreement from the attestation id.
 */
export function createAttestation(engine: Engine, principal: Principal, input: EnhancedAttestationRequest): AttestationRecord {
  const record: AttestationRecord = {
    attestationId: engine.newId(),
    partnerTenantId: principal.partnerTenantId,
    country: input.country.toUpperCase(),
    language: input.language,
    companyName: input.companyName,
    signatoryFirstName: input.signatoryFirstName,
    signatoryLastName: input.signatoryLastName,
    signatoryEmail: input.signatoryEmail,
    signatoryPhoneNumber: input.signatoryPhoneNumber ?? null,
    status: 'Pending',
    templateId: null,
    createdAt: engine.now(),
  };
  (engine.state.attestations ??= []).push(record);
  engine.markDirty();
  return record;
}

/** One of the partner's attestations, or 404/1000 (another partner's attestations do not exist for it). */
export function getAttestation(engine: Engine, partnerTenantId: string, attestationId: string): AttestationRecord {
  const record = findAttestation(engine, attestationId);
  if (!record || record.partnerTenantId !== partnerTenantId) throw pcErrors.attestationNotFound(attestationId);
  return record;
}

export function findAttestation(engine: Engine, attestationId: string): AttestationRecord | undefined {
  const id = attestationId.toLowerCase();
  return (engine.state.attestations ?? []).find((a) => a.attestationId === id);
}

/**
 * The signatory's decision in the component. A decided attestation keeps its first decision: the
 * component is shown once per attestation (a new one is needed to ask again).
 */
export function decideAttestation(engine: Engine, attestationId: string, decision: 'accept' | 'decline'): { record: AttestationRecord; changed: boolean } {
  const record = findAttestation(engine, attestationId);
  if (!record) throw pcErrors.attestationNotFound(attestationId);
  if (record.status !== 'Pending') return { record, changed: false };
  record.status = decision === 'accept' ? 'Accepted' : 'Declined';
  record.templateId = decision === 'accept' ? currentMcaTemplate(engine).templateId : null;
  record.decidedAt = engine.now();
  engine.markDirty();
  return { record, changed: true };
}

/**
 * `POST /v1/customers/{id}/agreements` with an attestation id: the agreement carries the signatory as
 * its primary contact, the acceptance time as `dateAgreed` and the version accepted. An attestation
 * makes an agreement for one customer; the same one twice is 600061.
 */
export function createAgreementFromAttestation(
  engine: Engine,
  principal: Principal,
  customerTenantId: string,
  input: CreateAgreementFromAttestationRequest,
): AgreementRecord {
  const { tenant } = getVisibleCustomer(engine, principal.partnerTenantId, customerTenantId);
  if (input.type !== 'MicrosoftCustomerAgreement') throw pcErrors.invalidProperty('An attestation confirms a MicrosoftCustomerAgreement.', ['type']);
  const attestation = getAttestation(engine, principal.partnerTenantId, input.attestationId);
  if (attestation.status !== 'Accepted') throw pcErrors.attestationNotAccepted(attestation.attestationId, attestation.status);
  if (input.templateId && input.templateId.toLowerCase() !== attestation.templateId) {
    throw pcErrors.invalidProperty(`templateId ${input.templateId} is not the version the signatory accepted.`, ['templateId']);
  }
  if (attestation.customerTenantId && attestation.customerTenantId !== tenant.tenantId) throw pcErrors.attestationUsedForAnotherCustomer(attestation.attestationId);
  const record = recordAgreement(engine, principal, tenant, {
    attestationId: attestation.attestationId,
    templateId: attestation.templateId!,
    type: 'MicrosoftCustomerAgreement',
    dateAgreed: new Date(attestation.decidedAt!).toISOString(),
    primaryContact: {
      firstName: attestation.signatoryFirstName,
      lastName: attestation.signatoryLastName,
      email: attestation.signatoryEmail,
      ...(attestation.signatoryPhoneNumber ? { phoneNumber: attestation.signatoryPhoneNumber } : {}),
    },
  });
  attestation.customerTenantId = tenant.tenantId;
  return record;
}
