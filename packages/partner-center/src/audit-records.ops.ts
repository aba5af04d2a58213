import { pagePartnerCenterCollection } from './collection-paging';
import { fromCatalogue } from './api-request';
import type { PagedResult } from './paged-result';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { AuditRecordSchema, type AuditRecord as WireAuditRecord } from './wire/audit.schema';

/** One entry of Partner Center's activity log (docs/PARTNER-CENTER-REFERENCE.md §14, Learn "Get a record of Partner Center activity"). */
export interface ActivityRecord {
  id: string;
  customerTenantId?: string;
  customerName?: string;
  /** The person (portal or App+User) who made the change, when one did. */
  userPrincipalName?: string;
  applicationId?: string;
  /** `customer`, `subscription`, `order`, `agreement`, `granular_admin_relationship`, … */
  resourceType: string;
  /** `add_customer`, `update_subscription`, `remove_partner_customer_relationship`, … */
  operationType: string;
  operationStatus: WireAuditRecord['operationStatus'];
  /** ISO 8601. */
  operationDate: string;
  resourceNewValue?: string;
}

/** The fields Learn documents for the activity log's `filter` (a JSON object, URL-encoded). */
export type ActivityFilter = { field: 'CompanyName' | 'CustomerId' | 'ResourceType'; value: string };

export interface ActivityQuery {
  /** Start of the window (Learn: up to 30 days back from now; the emulator keeps everything). */
  startDate: Date;
  /** End of the window; absent = now. */
  endDate?: Date;
  filter?: ActivityFilter;
  pageSize?: number;
}

const toActivityRecord = (r: WireAuditRecord): ActivityRecord => ({
  id: r.id,
  ...(r.customerId ? { customerTenantId: r.customerId } : {}),
  ...(r.customerName ? { customerName: r.customerName } : {}),
  ...(r.userPrincipalName ? { userPrincipalName: r.userPrincipalName } : {}),
  ...(r.applicationId ? { applicationId: r.applicationId } : {}),
  resourceType: r.resourceType,
  operationType: r.operationType,
  operationStatus: r.operationStatus,
  operationDate: r.operationDate,
  ...(r.resourceNewValue ? { resourceNewValue: r.resourceNewValue } : {}),
});

/** The activity log (`GET /v1/auditrecords`), seek-paged: what the sync reads instead of scanning every customer. */
export function createAuditRecordOps(pipeline: RequestPipeline) {
  return {
    listActivity(query: ActivityQuery, options?: CallOptions): PagedResult<ActivityRecord> {
      const q: Record<string, string | number> = { startDate: query.startDate.toISOString(), size: query.pageSize ?? 500 };
      if (query.endDate) q.endDate = query.endDate.toISOString();
      if (query.filter) q.filter = JSON.stringify({ Field: query.filter.field, Value: query.filter.value, Operator: 'substring' });
      return pagePartnerCenterCollection(pipeline, { ...fromCatalogue('auditRecords.list'), query: q }, AuditRecordSchema, toActivityRecord, options);
    },
  };
}
