import { apiFetch } from '../../api/api-client';

/** Shapes of the onboarding API (apps/server/src/onboarding/*.schema.ts), as the wizard reads them. */

export interface OnboardingContext {
  company: { id: number; name: string; kind: 'distributor' | 'reseller' | 'customer'; country: string | null; language: string; email: string | null; domain: string | null };
  distributor: { id: number; name: string };
  reseller: { id: number; name: string; partnerId: string | null } | null;
  direct: boolean;
  /** 'own': the caller may only use the account's own reseller's Partner ID (only the distributor picks another). */
  resellerChoice: 'any' | 'own';
  connections: { id: string; name: string; region: string; type: 'direct-bill' | 'indirect-provider' }[];
  defaultConnectionId: string | null;
  syncOptions: {
    connectionId: string;
    adminUsername: string | null;
    domainPrefix: string | null;
    resellerPartnerId: string | null;
    syncStatus: 'not_synced' | 'in_progress' | 'synced' | 'failed';
    failureReason: string | null;
    tenantId: string | null;
    defaultDomain: string | null;
  }[];
  cultures: string[];
  defaultCulture: string;
  prerequisites: { ready: boolean; items: { key: 'phone' | 'email' | 'billingAddress'; ok: boolean; source?: 'own' | 'reseller'; problems: { field: string; code: string; message: string }[] }[] };
  gdap: { roles: { id: string; name: string }[]; durationDays: number; autoExtendDays: number };
}

export interface DomainCheck {
  prefix: string;
  domain: string;
  valid: boolean;
  available: boolean | null;
  problem: 'empty' | 'characters' | 'too-long' | 'taken' | null;
  message: string;
  suggestions: string[];
}

export type PartnerIdStatus = 'empty' | 'invalid-format' | 'unknown' | 'not-in-network' | 'mpa-not-signed' | 'ok';
export interface PartnerIdVerdict {
  status: PartnerIdStatus;
  partnerId?: string;
  partnerName?: string;
  message: string;
  distributorName: string;
}

export interface Authorization {
  id: string;
  companyId: number;
  companyName: string;
  connectionId: string;
  resellerPartnerId: string | null;
  invitationUrl: string;
  domain: string | null;
  state: 'pending' | 'accepted' | 'cancelled';
  requestedBy: string;
  sentTo: string[];
  sentCc: string[];
  sentAt: string | null;
  sendCount: number;
  tenantId: string | null;
  defaultDomain: string | null;
  detectedBy: 'verify' | 'webhook' | 'background-check' | null;
  lastCheckResult: string | null;
  lastCheckedAt: string | null;
  createdAt: string;
  acceptedAt: string | null;
}

export interface OpenAuthorization {
  authorization: Authorization;
  direct: boolean;
  resellerName: string | null;
  invitation: { language: 'en' | 'es'; text: string };
}

export interface VerifyResult {
  status: 'verified' | 'invalid-domain' | 'domain-unknown' | 'not-accepted' | 'other-partner';
  message: string;
  tenantId?: string;
  defaultDomain?: string;
  companyName?: string;
  alreadyLinkedTo?: { companyId: number; companyName: string }[];
  recorded?: boolean;
  mcaOnRecord?: boolean;
}

export interface Attestation {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  acceptedAt: string;
}

export interface Run {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed' | 'needs_attention';
  currentStep: string | null;
  failedStep: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  facts: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  steps: { stepId: string; attempt: number; state: string; errorCode: string | null; errorMessage: string | null; correlationId: string | null; startedAt: string; finishedAt: string | null }[];
}

/** POSTs JSON through the shared client (which adds the session's CSRF token). */
export function post<T>(path: string, body?: unknown): Promise<T> {
  return apiFetch<T>(path, { method: 'POST', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

export const onboardingApi = {
  context: (companyId: number) => `/api/v1/companies/${companyId}/onboarding`,
  terms: (companyId: number, connectionId: string) => `/api/v1/companies/${companyId}/onboarding/terms?connectionId=${encodeURIComponent(connectionId)}`,
  domainCheck: (companyId: number, connectionId: string, prefix: string) =>
    apiFetch<DomainCheck>(`/api/v1/companies/${companyId}/onboarding/domain-check?connectionId=${encodeURIComponent(connectionId)}&prefix=${encodeURIComponent(prefix)}`),
  checkPartnerId: (companyId: number, connectionId: string, partnerId: string | null) =>
    post<PartnerIdVerdict>(`/api/v1/companies/${companyId}/onboarding/partner-id-check`, { connectionId, partnerId }),
  runs: (companyId: number) => `/api/v1/companies/${companyId}/onboarding/runs`,
  retryRun: (companyId: number, runId: string) => post<{ runId: string; outcome: 'retried' }>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/retry`),
  finishNewTenant: (companyId: number, body: unknown) => post<{ runId: string }>(`/api/v1/companies/${companyId}/onboarding/new-tenant`, body),
  openAuthorization: (companyId: number, body: { connectionId: string; resellerPartnerId?: string | null; domain?: string | null }) =>
    post<OpenAuthorization>(`/api/v1/companies/${companyId}/existing-tenant/authorization`, body),
  sendRequest: (companyId: number, body: { connectionId: string; to: string[]; cc: string[] }) =>
    post<Authorization>(`/api/v1/companies/${companyId}/existing-tenant/authorization/request`, body),
  verify: (companyId: number, body: { connectionId: string; domain: string; confirmRelink: boolean }) => post<VerifyResult>(`/api/v1/companies/${companyId}/existing-tenant/verify`, body),
  checkout: (companyId: number, body: unknown) => post<{ runId: string }>(`/api/v1/companies/${companyId}/existing-tenant/checkout`, body),
};

/** Splits "a@x.com, b@y.com" into addresses. */
export function splitEmails(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Today's date as YYYY-MM-DD in the browser's zone (the latest allowed acceptance date). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
