import { apiFetch } from '../../api/api-client';

/** Shapes of the onboarding API: inferred from the server's route schemas (`@csphub/server/contract`). */
import type { PartnerIdVerdict } from '@csphub/server/contract';
import type { AnswerOf, CheckedSchema } from '../../api/contract-check';

export type { Attestation, Authorization, McaStatus, DomainCheck, OnboardingContext, OpenAuthorization, PartnerIdVerdict, Run, VerifyResult, WizardDraft, WizardDraftState } from '@csphub/server/contract';
export type PartnerIdStatus = PartnerIdVerdict['status'];

/** POSTs JSON through the shared client (which adds the session's CSRF token). */
export function post<T>(path: string, body?: unknown): Promise<T>;
export function post<K extends CheckedSchema>(path: string, body: unknown, check: K): Promise<AnswerOf<K>>;
export function post(path: string, body?: unknown, check?: CheckedSchema): Promise<unknown> {
  const init = { method: 'POST', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
  return check ? apiFetch(path, init, check) : apiFetch(path, init);
}

export const onboardingApi = {
  context: (companyId: number) => `/api/v1/companies/${companyId}/onboarding`,
  terms: (companyId: number, connectionId: string) => `/api/v1/companies/${companyId}/onboarding/terms?connectionId=${encodeURIComponent(connectionId)}`,
  domainCheck: (companyId: number, connectionId: string, prefix: string) =>
    apiFetch(`/api/v1/companies/${companyId}/onboarding/domain-check?connectionId=${encodeURIComponent(connectionId)}&prefix=${encodeURIComponent(prefix)}`, undefined, 'DomainCheckSchema'),
  checkPartnerId: (companyId: number, connectionId: string, partnerId: string | null) =>
    post(`/api/v1/companies/${companyId}/onboarding/partner-id-check`, { connectionId, partnerId }, 'PartnerIdVerdictSchema'),
  runs: (companyId: number) => `/api/v1/companies/${companyId}/onboarding/runs`,
  mcaStatus: (companyId: number) => `/api/v1/companies/${companyId}/mca`,
  requestMcaAcceptance: (companyId: number, body: { connectionId: string; signatory: { firstName: string; lastName: string; email: string; phone?: string; companyName?: string; country?: string; language?: 'en' | 'es' } }) =>
    post<{ runId: string }>(`/api/v1/companies/${companyId}/mca/acceptance-request`, body),
  mcaCheck: (companyId: number, runId: string) => post<{ runId: string; heldOrders: number }>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/mca-check`),
  retryRun: (companyId: number, runId: string) => post<{ runId: string; outcome: 'retried' }>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/retry`),
  finishNewTenant: (companyId: number, body: unknown) => post<{ runId: string }>(`/api/v1/companies/${companyId}/onboarding/new-tenant`, body),
  openAuthorization: (companyId: number, body: { connectionId: string; resellerPartnerId?: string | null; domain?: string | null }) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/authorization`, body, 'OpenAuthorizationSchema'),
  sendRequest: (companyId: number, body: { connectionId: string; to: string[]; cc: string[] }) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/authorization/request`, body, 'AuthorizationSchema'),
  verify: (companyId: number, body: { connectionId: string; domain: string; confirmRelink: boolean }) => post(`/api/v1/companies/${companyId}/existing-tenant/verify`, body, 'VerifySchema'),
  linkVisible: (companyId: number, body: { connectionId: string; domain: string; resellerPartnerId: string | null; confirmRelink: boolean }) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/link-visible`, body, 'LinkVisibleSchema'),
  draft: (companyId: number) => `/api/v1/companies/${companyId}/onboarding/draft`,
  saveDraft: (companyId: number, body: { state: unknown; step: number }) => apiFetch(`/api/v1/companies/${companyId}/onboarding/draft`, { method: 'PUT', body: JSON.stringify(body) }),
  discardDraft: (companyId: number) => apiFetch(`/api/v1/companies/${companyId}/onboarding/draft`, { method: 'DELETE' }),
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
