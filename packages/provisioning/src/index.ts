export type { Clock } from '@csphub/domain';
export { systemClock } from '@csphub/domain';
export type { Ids } from './ports/ids';
export { randomIds } from './ports/ids';
export type { StepTimeline, RunUpdate, RunState } from './ports/step-timeline';
export { defineStep, type StepDefinition, type StepContext } from './runtime/step-definition';
export { defineWorkflow, type WorkflowDefinition, type WorkflowContext } from './runtime/workflow-definition';
export { StepFailedError, StepTimeoutError, toStepFailure, type StepFailure, type StepOutcome } from './runtime/step-failure';
export { defaultStepRetryPolicy, noRetry, nextRetryDelay, deterministicJitter, type StepRetryPolicy } from './runtime/retry-policy';
export {
  launchWorkflowRuntime,
  WORKFLOW_APPLICATION_VERSION,
  WORKFLOW_APPLICATION_NAME,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
  type WorkflowRunHandle,
  type SystemDatabase,
  type QueueSpec,
  type ScheduleSpec,
} from './runtime/workflow-runtime';
export { resolveWorkerId } from './runtime/worker-id';
export {
  checkResellerPartnerId,
  notAllowedPartnerIdVerdict,
  authorizeDistributorAdvice,
  type ResellerDirectory,
  type NetworkReseller,
  type ResellerPartnerIdVerdict,
  type ResellerPartnerIdStatus,
} from './partner-id/check-reseller-partner-id';
export {
  verifyAuthorization,
  normalizeCustomerDomain,
  type TenantDirectory,
  type VisibleTenant,
  type AuthorizationVerdict,
  type AuthorizationStatus,
} from './existing-tenant/verify-authorization';
export type { ExistingTenantPorts, ExistingTenantNotifier } from './existing-tenant/existing-tenant.ports';
export type { TenantLinkPorts, TenantLinkPartnerCenter, TenantLinkAccounts, PartnerCenterCall } from './shared/tenant-link.ports';
export {
  createLinkExistingTenantWorkflow,
  linkExistingTenantRunId,
  LINK_EXISTING_TENANT_KIND,
  type LinkExistingTenantInput,
  type LinkExistingTenantResult,
} from './existing-tenant/link-existing-tenant.workflow';
export type { McaAttestationInput } from './shared/confirm-mca.step';
export { GDAP_REQUEST_ROLES, GDAP_REQUEST_DURATION_DAYS, GDAP_REQUEST_AUTO_EXTEND_DAYS } from './shared/gdap-request-roles';
export * from './orders/index';
export type {
  NewTenantPorts,
  NewTenantPartnerCenter,
  NewTenantAccounts,
  NewTenantNotifier,
  CredentialVault,
  ProvisioningProfile,
  TenantAddress,
  TenantUser,
  PasswordGenerator,
} from './ports/new-tenant.ports';
export { createProvisionTenantWorkflow } from './new-tenant/provision-tenant.workflow';
export {
  provisionTenantRunId,
  PROVISION_TENANT_KIND,
  RETRY_TOPIC,
  AWAITING_RETRY_EVENT,
  type NewTenantInput,
  type NewTenantResult,
  type NewTenantRetry,
  isSignatoryMca,
} from './new-tenant/provision-tenant.input';
export {
  MCA_CHECK_TOPIC,
  MCA_FIRST_CHECK_MS,
  MCA_MAX_CHECK_MS,
  MCA_ACCEPTANCE_WAIT_MS,
  type McaSignatoryInput,
  type McaPartnerCenter,
  type McaAcceptanceState,
  type McaAcceptanceRecords,
} from './mca/mca-signatory';
export { createUpdateGdapAccessWorkflow, GDAP_ACCESS_UPDATE_KIND, GDAP_OPERATION_MAX_LOOKS, type GdapAccessPartnerCenter, type UpdateGdapAccessInput, type UpdateGdapAccessResult } from './gdap/update-gdap-access.workflow';
export { createMcaAcceptanceWorkflow, mcaAcceptanceRunId, MCA_ACCEPTANCE_KIND, type McaAcceptanceInput, type McaAcceptanceResult } from './mca/mca-acceptance.workflow';
export { submitNewTenantRun, retryNewTenantRun, type AwaitingRetry } from './new-tenant/new-tenant-runs';
export { DEFAULT_ADMIN_USERNAME, setUpAdminStep, type SetUpAdminInput, type SetUpAdminOutput } from './new-tenant/set-up-admin.step';
export { strongPasswordGenerator } from './new-tenant/strong-password';
export { newTenantKillPoints, newTenantKillPointsByTier, NEW_TENANT_IRREVERSIBLE_STAGES, type StagePath } from './new-tenant/new-tenant-kill-points';
export {
  buildRunTimeline,
  NEW_TENANT_TIMELINE_STEPS,
  type RunTimeline,
  type TimelineStep,
  type TimelineStepState,
  type RunRecord,
  type StepAttemptRecord,
} from './new-tenant/run-timeline';
export type { WorkerRegistry } from './ports/worker-registry';
export { isClaimable, checkSweeperTimings, type WorkerLiveness } from './runtime/worker-claim-rule';
export { startWorkerSweeper, type WorkerSweeper, type WorkerSweeperEvent, type WorkerSweeperOptions } from './runtime/worker-sweeper';
export { deleteFinishedRuns, startRunRetention, type FinishedRunStore, type RunRetention } from './runtime/run-retention';
export {
  GDAP_CHECK_TOPIC,
  REQUEST_GDAP_KIND,
  REQUEST_GDAP_WORKFLOW,
  createRequestGdapWorkflow,
  defaultGdapPollDelayMs,
  requestGdapRunId,
  type GdapRunTemplate,
  type RequestGdapFromTemplateInput,
  type RequestGdapFromTemplateResult,
} from './gdap/request-gdap-from-template.workflow';
export type { GdapPartnerCenter, GdapRelationshipStore, GdapRunPorts } from './gdap/gdap-run.ports';
export { createBulkFixWorkflow, bulkFixRunId, type BulkFixInput, type BulkFixPorts, type BulkFixResult, type BulkItemResult, type BulkItemFollowUp } from './bulk/bulk-fix.workflow';
export { createCustomerSyncWorkflows, customerSyncRunId, customerSyncCron, CUSTOMER_SYNC_SCHEDULE, type CustomerSyncInput, type CustomerSyncPorts, type CustomerSyncResult } from './customer-import/customer-sync.workflow';
export { createCustomerImportWorkflow, customerImportRunId, IMPORT_APPLY_CHUNK, type CustomerImportInput, type CustomerImportPorts, type CustomerImportResult } from './customer-import/customer-import.workflow';
export type { GdapRequestTemplate } from './shared/request-gdap.step';
