import { PcHeader, type AuditRecord } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import type { AuditRecordRecord } from '../engine/emulator-state';
import { DAY_MS } from '../engine/emulator-clock';
import { parseSize, seekPage } from '../views/collection.view';

function toAuditRecord(r: AuditRecordRecord, partnerId: string): AuditRecord {
  return {
    id: r.id,
    partnerId,
    customerId: r.customerTenantId ?? null,
    customerName: r.customerName ?? null,
    userPrincipalName: r.userPrincipalName ?? null,
    applicationId: r.applicationId ?? null,
    resourceType: r.resourceType,
    resourceNewValue: r.resourceNewValue ?? null,
    operationType: r.operationType,
    operationStatus: r.operationStatus,
    operationDate: new Date(r.at).toISOString(),
    customizedData: [],
    attributes: { objectType: 'AuditRecord' },
  };
}

/** Dates are `YYYY-MM-DD` (or full ISO); the end date is inclusive of its whole day. */
function parseDate(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw pcErrors.invalidProperty(`${name} must be a date (YYYY-MM-DD).`, [name]);
  return ms;
}

/**
 * Learn's `filter`: a JSON object `{"Field":"CompanyName"|"CustomerId"|"ResourceType","Value":…,"Operator":"substring"}`;
 * a case-insensitive substring match of the value on that field.
 */
function parseAuditFilter(raw: string | undefined): ((r: AuditRecordRecord) => boolean) | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: { Field?: unknown; Value?: unknown };
  try {
    value = JSON.parse(raw) as typeof value;
  } catch {
    throw pcErrors.invalidProperty('filter must be a JSON object with Field, Value and Operator.', ['filter']);
  }
  const needle = typeof value.Value === 'string' ? value.Value.toLowerCase() : undefined;
  if (needle === undefined) throw pcErrors.invalidProperty('filter.Value must be a string.', ['filter']);
  const field = { CompanyName: (r: AuditRecordRecord) => r.customerName, CustomerId: (r: AuditRecordRecord) => r.customerTenantId, ResourceType: (r: AuditRecordRecord) => r.resourceType }[String(value.Field)];
  if (!field) throw pcErrors.invalidProperty('filter.Field must be CompanyName, CustomerId or ResourceType.', ['filter']);
  return (r) => (field(r) ?? '').toLowerCase().includes(needle);
}

export function registerAuditRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §14: activity logs, seek-paged.
  r.op('auditRecords.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const partner = engine.partnerByTenant(ctx.principal.partnerTenantId)!;
    const start = parseDate(ctx.query('startDate'), 'startDate');
    if (start === undefined && !ctx.c.req.header(PcHeader.continuationToken)) throw pcErrors.invalidProperty('startDate is required.', ['startDate']);
    const endRaw = parseDate(ctx.query('endDate'), 'endDate');
    const end = endRaw === undefined ? Number.POSITIVE_INFINITY : /^\d{4}-\d{2}-\d{2}$/.test(ctx.query('endDate') ?? '') ? endRaw + DAY_MS : endRaw;
    const filter = parseAuditFilter(ctx.c.req.header(PcHeader.continuationToken) ? undefined : ctx.query('filter'));
    const records = engine.state.audit.filter((a) => a.partnerTenantId === partner.tenantId && a.at >= (start ?? 0) && a.at < end && (!filter || filter(a)));
    const url = new URL(ctx.c.req.url);
    const query = [...url.searchParams].filter(([k]) => k.toLowerCase() !== 'seekoperation').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const page = seekPage(records, { basePath: '/v1/auditrecords', query, size: parseSize(ctx.query('size')), continuationToken: ctx.c.req.header(PcHeader.continuationToken) });
    return json(200, { ...page, items: page.items.map((a) => toAuditRecord(a, partner.partnerId)) });
  });
}
