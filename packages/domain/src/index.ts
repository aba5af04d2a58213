export { AppError, isAppError, type ErrorDetail } from './errors/app-error';
export { ERROR_CODES, isErrorCode, type ErrorCode } from './errors/error-codes';
export { COMPANY_KINDS, COMPANY_STATUSES, canBeChildOf, type CompanyKind, type CompanyStatus } from './channel/company-kind';
export { childPath, depthOfPath, idsOfPath, isWithinPath, rebasePath } from './channel/company-path';
export { checkMove, type MoveRefusal } from './channel/company-move';
export { companyNameProblem, isValidDomainName } from './channel/company-name';
export { MAX_DOMAIN_PREFIX_LENGTH, domainPrefixProblem, isValidDomainPrefix, type DomainPrefixProblem } from './channel/domain-prefix';
export {
  ROLES,
  PERMISSIONS,
  ROLE_COMPANY_KINDS,
  ROLE_PERMISSIONS,
  canGrantRole,
  hasPermission,
  isRole,
  isRoleAllowedFor,
  type Permission,
  type Role,
} from './access/roles';
export { FREE_MAIL_DOMAINS, emailDomain, emailProblem, isFreeMail, isValidEmail, type EmailProblem } from './contact/email';
export { phoneProblem, type PhoneProblem } from './contact/phone';
export { COUNTRY_RULES, SUPPORTED_COUNTRIES, countryRules, findState, type CountryRules } from './address/country-rules';
export { isAddressEmpty, normalizePostalCode, validateAddress, type AddressProblem, type PostalAddress } from './address/validate-address';
export {
  checkPrerequisites,
  type PrerequisiteCompany,
  type PrerequisiteItem,
  type PrerequisiteKey,
  type PrerequisitePolicy,
  type PrerequisiteReseller,
  type PrerequisiteResult,
} from './prerequisites/check-prerequisites';
export { capRole } from './access/cap-role';
export {
  ACCOUNT_SOURCE_BACKOFF,
  SIGN_IN_BACKOFF,
  SOURCE_BACKOFF,
  admitSignIn,
  afterSuccess,
  backoffDelayMs,
  countAttempt,
  signInKeys,
  waitMs,
  type BackoffPolicy,
  type BackoffState,
  type SignInKeyScope,
} from './access/sign-in-backoff';
export { ONE_TIME_PASSWORD_ALPHABET, oneTimePassword } from './access/one-time-password';
export { SYNC_STATUSES, type SyncStatus } from './channel/sync-status';
export { cspMarketOf, defaultConnectionFor, type CspMarket } from './channel/default-connection';
export {
  mayOrderAsPartnerOfRecord,
  partnerOfRecordIdOf,
  porChanges,
  type PorChange,
  type PorStatus,
  type PorValidation,
  type ResellerPorFacts,
} from './channel/partner-of-record';
export {
  RELINK_ROLES,
  isAcceptanceEvidence,
  mayRevealPartnerName,
  partnerIdChoice,
  relinkDecision,
  type PartnerIdChoice,
  type RelinkDecision,
  type TenantCaller,
} from './channel/tenant-ownership';
export { MASK, changedFields, maskSecrets } from './audit/mask-secrets';
export * from './orders/index';
export { DEFAULT_ADMIN_USERNAME, isAdminChoiceAllowed, needsDefaultGdap, type AdminSetUpChoice } from './onboarding/admin-setup';
export {
  NEW_TENANT_STAGES,
  NEW_TENANT_STAGE_IDS,
  NEW_TENANT_SUPPORT_STEP_IDS,
  LINK_EXISTING_TENANT_STEP_IDS,
  ORDER_STEP_IDS,
  WORKFLOW_STEP_IDS,
  type NewTenantStageId,
  type StageDeclaration,
  type WorkflowStepId,
} from './onboarding/workflow-stages';
export { systemClock, type Clock, type TimerClock } from './time/clock';
export { EVENT_CATALOGUE, EVENT_TYPES, isEventType, type EventData, type EventEnvelope, type EventType } from './events/event-catalogue';
export {
  GDAP_AUTO_EXTEND_DAYS,
  GDAP_MAX_DURATION_DAYS,
  GDAP_TEMPLATE_NAME_MAX,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  canAutoExtend,
  checkGdapTemplate,
  gdapRelationshipDisplayName,
  gdapRoleDifference,
  includesGlobalAdministrator,
  type GdapTemplateDefinition,
  type GdapTemplateGroup,
  type GdapTemplateIssue,
  type GdapTemplateRole,
} from './gdap/gdap-template';
export { GDAP_EXPIRY_NOTICE_DAYS, GDAP_GRAPH_STATUSES, GDAP_STATES, type GdapGraphStatus, gdapExpiryNoticeDue, gdapStateOf, isGdapLive, type GdapExpiryNoticeDay, type GdapState } from './gdap/gdap-relationship-state';
export {
  addMoney,
  applyMarginBasisPoints,
  compareMoney,
  formatMoney,
  isCurrencyCode,
  minorDigits,
  money,
  multiplyMoney,
  parseMoney,
  sumMoney,
  toDecimalString,
  type Money,
} from './money/money';
export {
  isRuleValidOn,
  pickRule,
  priceRuleProblems,
  resolvePrice,
  visiblePrice,
  type PriceChain,
  type PriceKey,
  type PriceLevel,
  type PriceRule,
  type PriceTerm,
  type PriceViewer,
  type ResolvedPrice,
  type RuleProblem,
  type VisiblePrice,
} from './pricing/price-resolution';
export {
  buildMatchingIndex,
  proposeImport,
  type ImportConflict,
  type ImportDecision,
  type ImportProposal,
  type ImportedCustomer,
  type MatchingIndex,
  type NetworkCompany,
  type NetworkReseller,
} from './customer-import/import-matching';
export type { AttemptFinish, AttemptStart, AttemptSucceeded, RunState, RunUpdate, StepTimeline } from './ports/step-timeline';
export type { OutboxMessageInput, OutboxStore } from './ports/outbox-store';
export {
  AUTHORIZATION_CHECK_RESULTS,
  COCKPIT_CELL_VALUES,
  COCKPIT_CUSTOMER_STATES,
  COCKPIT_MCA_STATUSES,
  COCKPIT_NOT_READY_REASONS,
  COCKPIT_RELATIONSHIP_GAPS,
  PARTNER_OF_RECORD_STATUSES,
  cockpitCellValues,
  type AuthorizationCheckResult,
  type CockpitCustomerState,
  type CockpitMcaStatus,
  type CockpitRelationshipGap,
  type PartnerOfRecordStatus,
} from './cockpit/cockpit-cell-values';
