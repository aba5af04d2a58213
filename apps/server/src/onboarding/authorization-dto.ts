import type { TenantAuthorizationRow } from '@csphub/db';

/** An authorization row as the API shows it. */
export function authorizationDto(a: TenantAuthorizationRow, companyName: string) {
  return {
    id: a.id,
    companyId: a.companyId,
    companyName,
    connectionId: a.connectionId,
    resellerPartnerId: a.resellerPartnerId,
    invitationUrl: a.invitationUrl,
    domain: a.domain,
    state: a.state,
    requestedBy: a.requestedByLabel,
    sentTo: a.sentTo,
    sentCc: a.sentCc,
    sentAt: a.sentAt?.toISOString() ?? null,
    sendCount: a.sendCount,
    tenantId: a.tenantId,
    defaultDomain: a.defaultDomain,
    detectedBy: a.detectedBy,
    lastCheckResult: a.lastCheckResult,
    lastCheckedAt: a.lastCheckedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    acceptedAt: a.acceptedAt?.toISOString() ?? null,
  };
}
