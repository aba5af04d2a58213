import type { ApiRequest, ClientRateLimits } from './api-request';
import type { LimiterRegistry, RateLimiter } from './rate-limiter';
import { PartnerCenterOperations, ThrottleClasses, type OperationId } from './wire/operations';

/**
 * The limiters a request waits for, from the operation catalogue (wire/operations.ts): a Partner
 * Center operation on Microsoft's throttling list waits for its throttle class's limiter, keyed as
 * the class says (per partner tenant, or per partner and customer tenant); any other Partner Center
 * operation is not limited by the client, as Microsoft does not limit it. Graph calls share one
 * limiter per partner tenant (Graph publishes no GDAP limit; `limits.graph` keeps a margin).
 */
export function limitersForRequest(
  request: Pick<ApiRequest<unknown>, 'operation' | 'api' | 'customerId' | 'params'>,
  deps: { partnerTenantId: string; limiters: LimiterRegistry; limits: ClientRateLimits },
): RateLimiter[] {
  const partner = deps.partnerTenantId.toLowerCase();
  if (request.api === 'graph') return [deps.limiters.get(`graph:${partner}`, deps.limits.graph)];
  const entry = Object.hasOwn(PartnerCenterOperations, request.operation)
    ? PartnerCenterOperations[request.operation as OperationId]
    : undefined;
  const throttle = entry && 'throttle' in entry ? entry.throttle : undefined;
  if (!throttle) return [];
  const customer = (request.customerId ?? request.params?.customerId)?.toLowerCase();
  const key =
    ThrottleClasses[throttle].key === 'partnerCustomer' && customer
      ? `partner-center:${partner}:${throttle}:customer:${customer}`
      : `partner-center:${partner}:${throttle}`;
  return [deps.limiters.get(key, deps.limits[throttle])];
}
