/**
 * The one declaration of a durable run's steps, in run order. The workflow runs its steps in this
 * order, the company page's timeline lists them, the crash tests kill a worker at their boundaries
 * and the web's message catalogues name each one (a `Record<StageId, string>` per language, so a
 * missing text is a type error). Ids are journaled by DBOS: never rename a shipped one
 * (docs/ARCHITECTURE.md, "Durable workflows"). Display text lives in the web app, not here.
 */
export interface StageDeclaration {
  readonly id: string;
  /** It changes something at Microsoft that cannot be undone: a failure after it needs attention, never a rollback. */
  readonly irreversible?: boolean;
  /** It calls Partner Center or Graph (a kill point worth a real process kill). */
  readonly callsPartnerCenter?: boolean;
  /** Taken only on one path; the timeline shows it skipped when the run went past it without it. */
  readonly when?: 'reseller' | 'admin-setup' | 'default-gdap' | 'explicit-gdap' | 'mca-partner-typed' | 'mca-signatory';
}

/** The new-tenant run (docs/ARCHITECTURE.md, "The flow of one provisioning run"). */
export const NEW_TENANT_STAGES = [
  { id: 'validate-prerequisites' },
  { id: 'validate-address', callsPartnerCenter: true },
  { id: 'check-domain', callsPartnerCenter: true },
  { id: 'resolve-reseller', callsPartnerCenter: true, when: 'reseller' },
  { id: 'create-customer', callsPartnerCenter: true, irreversible: true },
  // Optional only for runs started before the step existed (a DBOS patch): they skip it.
  { id: 'set-up-admin', callsPartnerCenter: true, irreversible: true, when: 'admin-setup' },
  // Runs submitted with a partner-typed attestation (signer and date) confirm it here.
  { id: 'confirm-mca', callsPartnerCenter: true, irreversible: true, when: 'mca-partner-typed' },
  // Runs submitted with the customer's signatory (Microsoft's enhanced attestation, docs/PARTNER-CENTER-REFERENCE.md §5.5):
  // create the attestation and e-mail the signatory the acceptance link ...
  { id: 'request-mca-acceptance', callsPartnerCenter: true, when: 'mca-signatory' },
  { id: 'default-gdap', when: 'default-gdap' },
  { id: 'request-gdap', callsPartnerCenter: true, when: 'explicit-gdap' },
  { id: 'store-tenant-link' },
  { id: 'deliver-credentials' },
  // ... wait durably (days if need be) for the signatory, then create the agreement from the attestation.
  { id: 'await-mca-acceptance', callsPartnerCenter: true, when: 'mca-signatory' },
  { id: 'create-mca-agreement', callsPartnerCenter: true, irreversible: true, when: 'mca-signatory' },
  { id: 'notify' },
] as const satisfies readonly StageDeclaration[];

/** A step id of the new-tenant run. */
export type NewTenantStageId = (typeof NEW_TENANT_STAGES)[number]['id'];

/** The new-tenant run's ids, in order. */
export const NEW_TENANT_STAGE_IDS: readonly NewTenantStageId[] = NEW_TENANT_STAGES.map((s) => s.id);

/**
 * Steps the new-tenant run journals besides its stages (the account's sync status, the signatory's
 * e-mail, a look at a GDAP request); the timeline lists their attempts too.
 */
export const NEW_TENANT_SUPPORT_STEP_IDS = ['set-sync-status', 'send-mca-acceptance-email', 'check-gdap-request'] as const;

/** The existing-tenant run's steps (`link-existing-tenant.workflow.ts`), in run order. */
export const LINK_EXISTING_TENANT_STEP_IDS = ['store-tenant-link', 'confirm-mca', 'request-gdap', 'check-gdap-request', 'notify-linked', 'mark-link-failed'] as const;

/** The order run's steps (`place-order.workflow.ts`), in run order. */
export const ORDER_STEP_IDS = ['order-check-mca', 'order-create-cart', 'order-checkout', 'order-read-status', 'order-save-progress', 'order-notify'] as const;

/** Every step id a durable run journals: each has its text in the web's catalogues (`run.step.<id>`). */
export type WorkflowStepId =
  | NewTenantStageId
  | (typeof NEW_TENANT_SUPPORT_STEP_IDS)[number]
  | (typeof LINK_EXISTING_TENANT_STEP_IDS)[number]
  | (typeof ORDER_STEP_IDS)[number];

/** Every step id, once. */
export const WORKFLOW_STEP_IDS: readonly WorkflowStepId[] = [
  ...new Set<WorkflowStepId>([...NEW_TENANT_STAGE_IDS, ...NEW_TENANT_SUPPORT_STEP_IDS, ...LINK_EXISTING_TENANT_STEP_IDS, ...ORDER_STEP_IDS]),
];
