import { CreateCustomerRequestSchema, CustomerFilterSchema, PatchCustomerRequestSchema, UpdateBillingProfileRequestSchema, PcHeader } from '@csphub/partner-center/wire';
import type { ApiRouter, RouteContext } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json, empty } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import {
  createCustomer,
  deleteCustomer,
  getVisibleCustomer,
  hasAdminAccess,
  isDomainTaken,
  listCustomers,
  patchCustomer,
  type CustomerView,
} from '../engine/customers.engine';
import { checkBillingAddress, checkCompanyName } from '../engine/address-rules';
import { toBillingProfile, toCustomer } from '../views/customer.view';
import { collection, parseSize, seekPage } from '../views/collection.view';
import { toPartnerRelationship } from '../views/relationship.view';

function partnerOf(ctx: RouteContext) {
  return ctx.runtime.engine.partnerByTenant(ctx.principal.partnerTenantId)!;
}

/** Parses `?filter=` (URL-encoded JSON, §2.6); a bad filter is 400/3000. */
function parseFilter(raw: string | undefined) {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw pcErrors.invalidProperty('filter must be URL-encoded JSON {"Field","Value","Operator"}.', ['filter']);
  }
  const result = CustomerFilterSchema.safeParse(value);
  if (!result.success) throw pcErrors.invalidProperty(`filter is not valid: ${result.error.issues.map((i) => i.message).join('; ')}. Only the starts_with operator on CompanyName, Domain, IndirectReseller, IndirectCloudSolutionProvider exists.`, ['filter']);
  return result.data;
}

function matchesFilter(view: CustomerView, filter: NonNullable<ReturnType<typeof parseFilter>>): boolean {
  const v = filter.value.toLowerCase();
  switch (filter.field) {
    case 'CompanyName':
      return view.tenant.companyName.toLowerCase().startsWith(v);
    case 'Domain':
      return [view.tenant.initialDomain, ...view.tenant.customDomains].some((d) => d.startsWith(v));
    case 'IndirectReseller':
      return (view.relationship.associatedPartnerId ?? '').startsWith(v);
    case 'IndirectCloudSolutionProvider':
      // As seen from a provider, its own tenant id is the indirect CSP of every customer it has.
      return view.relationship.partnerTenantId.startsWith(v);
  }
}

export function registerCustomerRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §6: the link the customer's Global Admin opens. Registered before
  // /v1/customers/:customerId so the literal segment wins.
  r.op('relationshipRequests.get', (ctx) => {
    const partner = partnerOf(ctx);
    const engine = ctx.runtime.engine;
    const resellerId = ctx.query('indirectResellerId')?.toLowerCase();
    const base = `${ctx.runtime.publicUrl}/admin/Adminportal/Home`;
    let url: string;
    if (resellerId) {
      const reseller = engine.state.resellers[resellerId];
      if (!reseller || !reseller.providerTenantIds.includes(partner.tenantId)) {
        throw pcErrors.invalidProperty(`indirectResellerId ${resellerId} is not an indirect reseller of this provider.`, ['indirectResellerId']);
      }
      url = `${base}?invType=IndirectResellerRelationship&partnerId=${partner.tenantId}&msppId=${reseller.partnerId}&indirectCSPId=${reseller.tenantId}&DAP=false#/BillingAccounts/partner-invitation`;
    } else {
      url = `${base}?invType=ResellerRelationship&partnerId=${partner.tenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`;
    }
    return json(200, { url, attributes: { objectType: 'RelationshipRequest' } });
  });

  // §2.2, §2.3: create a customer (direct, or for an indirect reseller with associatedPartnerId).
  r.op('customers.create', async (ctx) => {
    const input = parseBody(CreateCustomerRequestSchema, await ctx.body());
    const created = createCustomer(ctx.runtime.engine, ctx.principal, input);
    const body = toCustomer(created, { detail: true, adminAccess: true, credentials: created.credentials });
    return json(201, { ...body, enableGDAPByDefault: input.enableGDAPByDefault ?? true }, { [PcHeader.location]: `/v1/customers/${created.tenant.tenantId}` });
  });

  // §2.5, §2.6: list with seek paging and starts_with filters.
  r.op('customers.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const continuationToken = ctx.c.req.header(PcHeader.continuationToken);
    const url = new URL(ctx.c.req.url);
    const query = [...url.searchParams].filter(([k]) => k.toLowerCase() !== 'seekoperation').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    // On a continuation, the filter comes from the token's saved query.
    const savedQuery = continuationToken ? undefined : query;
    const filterRaw = savedQuery !== undefined ? ctx.query('filter') : undefined;
    const filter = parseFilter(continuationToken ? filterFromToken(continuationToken) : filterRaw);
    if (filter?.field === 'IndirectReseller' && ctx.principal.kind === 'app') throw pcErrors.appOnlyNotSupported();
    let views = listCustomers(engine, ctx.principal.partnerTenantId);
    if (filter) views = views.filter((v) => matchesFilter(v, filter));
    const page = seekPage(views, { basePath: '/v1/customers', query, size: parseSize(ctx.query('size')), continuationToken });
    return json(200, { ...page, items: page.items.map((v) => toCustomer(v, { detail: false, adminAccess: false })) });
  });

  // §2.4: get by id.
  r.op('customers.get', (ctx) => {
    const engine = ctx.runtime.engine;
    const view = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    return json(200, toCustomer(view, { detail: true, adminAccess: hasAdminAccess(engine, view) }));
  });

  // §2.8: remove the reseller relationship or DAP.
  r.op('customers.patch', async (ctx) => {
    const engine = ctx.runtime.engine;
    const patch = parseBody(PatchCustomerRequestSchema, await ctx.body());
    const view = patchCustomer(engine, partnerOf(ctx), ctx.param('customerId'), patch);
    const body = toCustomer(view, { detail: true, adminAccess: hasAdminAccess(engine, view) });
    return json(200, patch.relationshipToPartner === 'none' ? { ...body, relationshipToPartner: 'none' } : body);
  });

  // §2.7: delete (integration sandbox only).
  r.op('customers.delete', (ctx) => {
    deleteCustomer(ctx.runtime.engine, partnerOf(ctx), ctx.param('customerId'));
    return empty(204);
  });

  // §2.4: company and billing profiles.
  r.op('customers.companyProfile.get', (ctx) => {
    const engine = ctx.runtime.engine;
    const view = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    return json(200, toCustomer(view, { detail: true, adminAccess: hasAdminAccess(engine, view) }).companyProfile);
  });
  r.op('customers.billingProfile.get', (ctx) => {
    const view = getVisibleCustomer(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    return json(200, toBillingProfile(view.tenant));
  });
  r.op('customers.billingProfile.update', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(UpdateBillingProfileRequestSchema, await ctx.body());
    const view = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    const presented = ctx.c.req.header(PcHeader.ifMatch)?.replace(/"/g, '') ?? input.attributes?.etag;
    if (presented !== undefined && presented !== view.tenant.billing.etag) throw pcErrors.etagStale();
    checkCompanyName(input.companyName);
    checkBillingAddress(input.defaultAddress, view.tenant.organizationRegistrationNumber);
    view.tenant.billing = {
      ...view.tenant.billing,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      culture: input.culture,
      language: input.language,
      companyName: input.companyName,
      address: { ...input.defaultAddress, country: input.defaultAddress.country.toUpperCase() },
      etag: engine.newId(),
    };
    engine.markDirty();
    return json(200, toBillingProfile(view.tenant));
  });

  // §6: the partners (indirect resellers) associated with a customer.
  r.op('customers.relationships.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const view = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    const reseller = view.relationship.associatedPartnerId ? engine.state.resellers[view.relationship.associatedPartnerId] : undefined;
    const items = reseller ? [toPartnerRelationship(reseller, 'is_indirect_reseller_of')] : [];
    return json(200, collection(items, `/v1/customers/${view.tenant.tenantId}/relationships`));
  });

  // §3: domain availability. HEAD only; 200 = taken, 404 = free, empty bodies.
  r.op('domains.check', (ctx) => {
    if (ctx.c.req.method !== 'HEAD') throw pcErrors.methodNotAllowed(ctx.c.req.method, '/v1/domains/{domain}');
    return empty(isDomainTaken(ctx.runtime.engine, ctx.param('domain')) ? 200 : 404);
  });
}

function filterFromToken(token: string): string | undefined {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: string };
    const params = new URLSearchParams(state.q ?? '');
    for (const [k, v] of params) if (k.toLowerCase() === 'filter') return v;
    return undefined;
  } catch {
    return undefined;
  }
}
