import type { CreateAgreementRequest } from '@csphub/partner-center/wire';
import { MCA_TEMPLATE_ID } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { AgreementRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { getVisibleCustomer } from './customers.engine';
import { recordAudit } from './events';

/** Agreement templates (docs/PARTNER-CENTER-REFERENCE.md §5.1). The MCA template id is the doc's example. */
export const AGREEMENT_TEMPLATES = [
  { templateId: MCA_TEMPLATE_ID, agreementType: 'MicrosoftCustomerAgreement', agreementLink: 'https://aka.ms/customeragreement', versionRank: 0 },
  { templateId: '998b88de-aa99-4388-a42c-1b3517d49490', agreementType: 'MicrosoftCloudAgreement', agreementLink: 'https://aka.ms/microsoftcloudagreement', versionRank: 0 },
] as const;

export function agreementLinkOf(type: string): string {
  return AGREEMENT_TEMPLATES.find((t) => t.agreementType === type)?.agreementLink ?? '';
}

export interface TemplateListing {
  templateId: string;
  agreementType: 'MicrosoftCustomerAgreement' | 'MicrosoftCloudAgreement';
  agreementLink: string;
  versionRank: number;
}

/** Every template Partner Center lists: the seeded ones and the MCA versions published since (control plane). */
export function agreementTemplates(engine: Engine): TemplateListing[] {
  const published = (engine.state.mcaVersions ?? []).map((v) => ({
    templateId: v.templateId,
    agreementType: 'MicrosoftCustomerAgreement' as const,
    agreementLink: agreementLinkOf('MicrosoftCustomerAgreement'),
    versionRank: v.versionRank,
  }));
  return [...AGREEMENT_TEMPLATES.map((t) => ({ ...t })), ...published];
}

/** The MCA version a customer must have accepted to buy: the highest `versionRank`. */
export function currentMcaTemplate(engine: Engine): TemplateListing {
  return agreementTemplates(engine)
    .filter((t) => t.agreementType === 'MicrosoftCustomerAgreement')
    .sort((a, b) => b.versionRank - a.versionRank)[0]!;
}

/** Publishes a new MCA version (control plane): from now on purchases need an acceptance of it. */
export function publishMcaVersion(engine: Engine, templateId?: string): TemplateListing {
  const rank = currentMcaTemplate(engine).versionRank + 1;
  const version = { templateId: (templateId ?? engine.newId()).toLowerCase(), versionRank: rank, publishedAt: engine.now() };
  if (agreementTemplates(engine).some((t) => t.templateId === version.templateId)) throw pcErrors.invalidProperty(`templateId ${version.templateId} is already listed.`, ['templateId']);
  (engine.state.mcaVersions ??= []).push(version);
  engine.markDirty();
  return currentMcaTemplate(engine);
}

/** Whether the partner-typed confirmation (signer and date) is still taken at emulator time now. */
export function legacyConfirmationAllowed(engine: Engine): boolean {
  const retiredAt = engine.state.settings.legacyMcaAttestationRetiredAt;
  return !retiredAt || engine.now() < Date.parse(retiredAt);
}

/**
 * `POST /v1/customers/{id}/agreements` (docs/PARTNER-CENTER-REFERENCE.md §5.2): the partner attests that the customer accepted.
 * 600061 when an attestation with the same contact details exists; a changed name, e-mail or
 * phone makes a new one.
 */
export function confirmAgreement(engine: Engine, principal: Principal, customerTenantId: string, input: CreateAgreementRequest): AgreementRecord {
  const { tenant } = getVisibleCustomer(engine, principal.partnerTenantId, customerTenantId);
  if (input.type === 'MicrosoftCustomerAgreement' && !legacyConfirmationAllowed(engine)) throw pcErrors.legacyMcaConfirmationRetired();
  const template = agreementTemplates(engine).find((t) => t.templateId === input.templateId.toLowerCase());
  if (!template || template.agreementType !== input.type) {
    throw pcErrors.invalidProperty(`templateId ${input.templateId} is not a template of type ${input.type}.`, ['templateId']);
  }
  if (Number.isNaN(Date.parse(input.dateAgreed))) throw pcErrors.invalidProperty('dateAgreed must be an ISO-8601 date.', ['dateAgreed']);
  if (Date.parse(input.dateAgreed) > engine.now() + 86_400_000) throw pcErrors.invalidProperty('dateAgreed cannot be in the future.', ['dateAgreed']);
  const contact = input.primaryContact;
  return recordAgreement(engine, principal, tenant, {
    templateId: template.templateId,
    type: input.type,
    dateAgreed: new Date(Date.parse(input.dateAgreed)).toISOString(),
    primaryContact: { firstName: contact.firstName, lastName: contact.lastName, email: contact.email, phoneNumber: contact.phoneNumber ?? undefined },
  });
}

/**
 * Stores an agreement, refusing a duplicate with 600061: Learn's two MCA pages allow another
 * agreement for a customer only when the first name, last name, e-mail or phone differs. The
 * template takes part too, so a new MCA version can be accepted by the same signatory
 * (docs/EMULATOR-DIFFERENCES.md).
 */
export function recordAgreement(
  engine: Engine,
  principal: Principal,
  tenant: { tenantId: string; companyName: string },
  input: Pick<AgreementRecord, 'templateId' | 'type' | 'dateAgreed' | 'primaryContact' | 'attestationId'>,
): AgreementRecord {
  const contact = input.primaryContact;
  const same = (a: AgreementRecord) =>
    a.customerTenantId === tenant.tenantId &&
    a.type === input.type &&
    a.templateId === input.templateId &&
    a.primaryContact.firstName === contact.firstName &&
    a.primaryContact.lastName === contact.lastName &&
    a.primaryContact.email.toLowerCase() === contact.email.toLowerCase() &&
    (a.primaryContact.phoneNumber ?? '') === (contact.phoneNumber ?? '');
  if (engine.state.agreements.some(same)) throw pcErrors.agreementAlreadyExists();
  const record: AgreementRecord = {
    id: engine.newId(),
    ...(input.attestationId ? { attestationId: input.attestationId } : {}),
    partnerTenantId: principal.partnerTenantId,
    customerTenantId: tenant.tenantId,
    templateId: input.templateId,
    type: input.type,
    dateAgreed: input.dateAgreed,
    primaryContact: { ...contact },
    userId: principal.objectId,
    createdAt: engine.now(),
  };
  engine.state.agreements.push(record);
  recordAudit(engine, {
    partnerTenantId: principal.partnerTenantId,
    customerTenantId: tenant.tenantId,
    customerName: tenant.companyName,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'agreement',
    operationType: 'create_customer_agreement',
  });
  engine.markDirty();
  return record;
}
