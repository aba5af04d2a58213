import { AgreementTypeSchema, CreateAgreementRequestSchema, type Agreement } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import { AGREEMENT_TEMPLATES, agreementLinkOf, confirmAgreement } from '../engine/agreements.engine';
import { getVisibleCustomer } from '../engine/customers.engine';
import type { AgreementRecord } from '../engine/emulator-state';
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
    const items = AGREEMENT_TEMPLATES.filter((t) => types.includes(t.agreementType)).map((t) => ({ ...t, attributes: { objectType: 'AgreementMetaData' } }));
    return json(200, collection(items, '/v1/agreements'));
  });

  // §5.2: confirm customer acceptance (App+User only).
  r.op('agreements.create', async (ctx) => {
    const input = parseBody(CreateAgreementRequestSchema, await ctx.body());
    const record = confirmAgreement(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), input);
    return json(201, toAgreement(record));
  });

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
