/** The onboarding API's calls; every request and answer is typed from the server's route schemas (`@csphub/server/contract`). */
import type {
  ExistingTenantCheckout,
  LinkVisibleRequest,
  McaAcceptanceRequest,
  McaCheckAccepted,
  NewTenantOrder,
  NewTenantStarted,
  OpenAuthorizationRequest,
  RunRetryAccepted,
  RunStarted,
  SendAuthorizationRequest,
  VerifyRequest,
  WizardDraftBody,
} from '@csphub/server/contract';
import { apiFetch } from '../../api/api-client';
import type { AnswerOf, CheckedSchema } from '../../api/contract-check';

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
  requestMcaAcceptance: (companyId: number, body: McaAcceptanceRequest) =>
    post<RunStarted>(`/api/v1/companies/${companyId}/mca/acceptance-request`, body),
  mcaCheck: (companyId: number, runId: string) => post<McaCheckAccepted>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/mca-check`),
  retryRun: (companyId: number, runId: string) => post<RunRetryAccepted>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/retry`),
  finishNewTenant: (companyId: number, body: NewTenantOrder) => post<NewTenantStarted>(`/api/v1/companies/${companyId}/onboarding/new-tenant`, body),
  openAuthorization: (companyId: number, body: OpenAuthorizationRequest) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/authorization`, body, 'OpenAuthorizationSchema'),
  sendRequest: (companyId: number, body: SendAuthorizationRequest) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/authorization/request`, body, 'AuthorizationSchema'),
  verify: (companyId: number, body: VerifyRequest) => post(`/api/v1/companies/${companyId}/existing-tenant/verify`, body, 'VerifySchema'),
  linkVisible: (companyId: number, body: LinkVisibleRequest) =>
    post(`/api/v1/companies/${companyId}/existing-tenant/link-visible`, body, 'LinkVisibleSchema'),
  draft: (companyId: number) => `/api/v1/companies/${companyId}/onboarding/draft`,
  saveDraft: (companyId: number, body: WizardDraftBody) => apiFetch(`/api/v1/companies/${companyId}/onboarding/draft`, { method: 'PUT', body: JSON.stringify(body) }),
  discardDraft: (companyId: number) => apiFetch(`/api/v1/companies/${companyId}/onboarding/draft`, { method: 'DELETE' }),
  checkout: (companyId: number, body: ExistingTenantCheckout) => post<RunStarted>(`/api/v1/companies/${companyId}/existing-tenant/checkout`, body),
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
