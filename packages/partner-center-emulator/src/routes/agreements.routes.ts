import {
  AgreementTypeSchema,
  CreateAgreementFromAttestationRequestSchema,
  CreateAgreementRequestSchema,
  EnhancedAttestationRequestSchema,
  type Agreement,
  type EnhancedAttestation,
} from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import { agreementLinkOf, agreementTemplates, confirmAgreement } from '../engine/agreements.engine';
import { createAgreementFromAttestation, createAttestation, getAttestation } from '../engine/attestations.engine';
import { getVisibleCustomer } from '../engine/customers.engine';
import type { AgreementRecord, AttestationRecord } from '../engine/emulator-state';
import { collection } from '../views/collection.view';

function toAgreement(record: AgreementRecord): Agreement {
  return {
    primaryContact: { ...record.primaryContact },
    templateId: record.templateId,
    dateAgreed: record.dateAgreed,
    type: record.type,
    agreementLink: agreementLinkOf(record.type),
    userId: record.userId,
    attributes: { objectType: 'Agreement' },
  };
}

function toAttestation(record: AttestationRecord): EnhancedAttestation {
  return {
    attestationId: record.attestationId,
    country: record.country,
    language: record.language,
    companyName: record.companyName,
    signatoryFirstName: record.signatoryFirstName,
    signatoryLastName: record.signatoryLastName,
    signatoryEmail: record.signatoryEmail,
    signatoryPhoneNumber: record.signatoryPhoneNumber ?? null,
    status: record.status,
    templateId: record.templateId,
    acceptedDateTime: record.status === 'Accepted' && record.decidedAt ? new Date(record.decidedAt).toISOString() : null,
    createdDateTime: new Date(record.createdAt).toISOString(),
    attributes: { objectType: 'EnhancedAttestation' },
  };
}

/** `agreementType` query: default MicrosoftCloudAgreement, `*` = all (docs/PARTNER-CENTER-REFERENCE.md §5.1). */
function typesOf(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return ['MicrosoftCloudAgreement'];
  if (raw === '*') return AgreementTypeSchema.options;
  const parsed = AgreementTypeSchema.safeParse(raw);
  if (!parsed.success) throw pcErrors.invalidProperty(`agreementType '${raw}' is not valid.`, ['agreementType']);
  return [parsed.data];
}

export function registerAgreementRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §5.1: agreement metadata.
  r.op('agreements.metadata', (ctx) => {
    const types = typesOf(ctx.query('agreementType'));
    const items = agreementTemplates(ctx.runtime.engine).filter((t) => types.includes(t.agreementType)).map((t) => ({ ...t, attributes: { objectType: 'AgreementMetaData' } }));
    return json(200, collection(items, '/v1/agreements'));
  });

  // §5.2 (partner-typed signer and date, App+User only) or §5.5 (from an enhanced attestation's id, app-only).
  r.op('agreements.create', async (ctx) => {
    const body = await ctx.body();
    if (body !== null && typeof body === 'object' && 'attestationId' in body) {
      const input = parseBody(CreateAgreementFromAttestationRequestSchema, body);
      const record = createAgreementFromAttestation(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), input);
      return json(201, toAgreement(record));
    }
    if (ctx.principal.kind === 'app') throw pcErrors.appOnlyNotSupported();
    const input = parseBody(CreateAgreementRequestSchema, body);
    const record = confirmAgreement(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), input);
    return json(201, toAgreement(record));
  });

  // §5.5: the enhanced attestation. Learn documents creation (app-only); reading one back is the
  // emulator's assumption of how a partner learns the signatory's decision (docs/EMULATOR-DIFFERENCES.md).
  r.op('attestations.createEnhanced', async (ctx) => {
    const input = parseBody(EnhancedAttestationRequestSchema, await ctx.body());
    return json(201, toAttestation(createAttestation(ctx.runtime.engine, ctx.principal, input)));
  });
  r.op('attestations.getEnhanced', (ctx) => json(200, toAttestation(getAttestation(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('attestationId')))));

  // §5.3: get confirmations (App+User only).
  r.op('agreements.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    const types = typesOf(ctx.query('agreementType') ?? 'MicrosoftCustomerAgreement');
    const items = engine.state.agreements.filter((a) => a.customerTenantId === tenant.tenantId && types.includes(a.type)).map(toAgreement);
    return json(200, collection(items, `/v1/customers/${tenant.tenantId}/agreements`));
  });

  // §5.4: direct-sign status (App+User only).
  r.op(
    'agreements.directSignStatus',
    (ctx) => {
      const { tenant } = getVisibleCustomer(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
      return json(200, { isSigned: tenant.mcaDirectlySigned, attributes: { objectType: 'DirectSignedCustomerAgreementStatus' } });
    },
  );
}
