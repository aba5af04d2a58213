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

export function registerAuditRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §14: activity logs, seek-paged.
  r.op('auditRecords.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const partner = engine.partnerByTenant(ctx.principal.partnerTenantId)!;
    const start = parseDate(ctx.query('startDate'), 'startDate');
    if (start === undefined && !ctx.c.req.header(PcHeader.continuationToken)) throw pcErrors.invalidProperty('startDate is required.', ['startDate']);
    const endRaw = parseDate(ctx.query('endDate'), 'endDate');
    const end = endRaw === undefined ? Number.POSITIVE_INFINITY : /^\d{4}-\d{2}-\d{2}$/.test(ctx.query('endDate') ?? '') ? endRaw + DAY_MS : endRaw;
    const records = engine.state.audit.filter((a) => a.partnerTenantId === partner.tenantId && a.at >= (start ?? 0) && a.at < end);
    const url = new URL(ctx.c.req.url);
    const query = [...url.searchParams].filter(([k]) => k.toLowerCase() !== 'seekoperation').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const page = seekPage(records, { basePath: '/v1/auditrecords', query, size: parseSize(ctx.query('size')), continuationToken: ctx.c.req.header(PcHeader.continuationToken) });
    return json(200, { ...page, items: page.items.map((a) => toAuditRecord(a, partner.partnerId)) });
  });
}
