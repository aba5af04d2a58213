import { AppError, isAdminChoiceAllowed } from '@csphub/domain';
import { checkResellerPartnerId, provisionTenantRunId, PROVISION_TENANT_KIND } from '@csphub/provisioning';
import { createOutboxRepo, createWorkflowRunsRepo, type AuditEntry, type CompanyRow, type Repos } from '@csphub/db';
import type { Principal } from '../auth/principal';
import { actorOf, staffLanguageOf } from '../auth/principal';
import { requirePartnerIdChoice } from '../access/tenant-ownership';
import { inTransaction } from '../app/server-deps';
import { loadOnboardingContext } from './onboarding-context';
import type { OnboardingDeps } from './onboarding-deps';
import type { z } from '@hono/zod-openapi';
import type { AttestationSchema } from './existing-tenant.schema';
import type { McaSignatory } from './mca-signatory.schema';
import { onboardingGdapTemplate } from '../gdap/gdap-templates';
import { mcaSignatoryInput } from './mca-signatory-input';

/** Where the distributor says who receives new tenants' credentials: the customer or the reseller. */
export const CREDENTIALS_RECIPIENT_KEY = 'distributor.credentialsRecipient';

/** The new-tenant order as the wizard's Finish sends it (already parsed). */
export interface NewTenantOrder {
  connectionId: string;
  domainPrefix: string;
  culture: string;
  adminUsername: string;
  requirePasswordChange: boolean;
  defaultGdap: boolean;
  gdapTemplateId?: number | undefined;
  resellerPartnerId: string | null;
  attestation?: z.infer<typeof AttestationSchema> | undefined;
  signatory?: McaSignatory | undefined;
  notifyMe: boolean;
}

/** Who acts, on which account, in which request (the company is already in the caller's scope). */
export interface OnboardingActor {
  repos: Repos;
  principal: Principal;
  company: CompanyRow;
  requestId: string | null;
}

export type NewTenantOutcome = { runId: string; outcome: 'started' | 'attached' | 'retried' };

/**
 * Finish of the new-tenant wizard (docs/ARCHITECTURE.md, "The flow of one provisioning run"):
 * re-checks what the wizard showed (Partner ID choice, administrator and GDAP, prerequisites, the
 * reseller's Partner ID with Partner Center), then in one transaction saves the account's language
 * and sync options and audits the order with the MCA attestation, and only then submits the
 * durable run `provision-tenant:<accountId>:<connectionId>`. A second Finish while the run is under
 * way, or after it succeeded, attaches to it; after a failure it retries with the corrected order.
 */
export async function finishNewTenantOrder(deps: OnboardingDeps, actor: OnboardingActor, body: NewTenantOrder): Promise<NewTenantOutcome> {
  const { repos, principal: p, company } = actor;
  // Only the distributor names another reseller as partner of record.
  await requirePartnerIdChoice(repos, p, company, body.resellerPartnerId, 'A new tenant');
  if (!isAdminChoiceAllowed(body)) {
    throw new AppError('VALIDATION_FAILED', 'Another administrator name, or no password change at first sign-in, needs the default GDAP roles: keep defaultGdap on, or keep "admin" with a password change.', [
      { field: 'defaultGdap', message: 'Required for a custom administrator.' },
    ]);
  }
  if (!body.signatory === !body.attestation) {
    throw new AppError('VALIDATION_FAILED', "Name the customer's signatory, who will accept the Microsoft Customer Agreement from an e-mailed link.", [
      { field: 'signatory', message: body.signatory ? 'Give either the signatory or a recorded attestation, not both.' : "The customer's signatory is required." },
    ]);
  }
  const existing = await createWorkflowRunsRepo(deps.db).getRun(provisionTenantRunId(company.id, body.connectionId));
  if (existing && (existing.state === 'running' || existing.state === 'succeeded')) return { runId: existing.id, outcome: 'attached' };
  const ctx = await loadOnboardingContext(repos, company);
  if (!ctx.connections.some((k) => k.id === body.connectionId)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${body.connectionId}.`);
  if (!ctx.prerequisites.ready) {
    const missing = ctx.prerequisites.items.filter((i) => !i.ok).flatMap((i) => i.problems.map((x) => x.message));
    throw new AppError('PREREQUISITES_MISSING', `The account is not ready to provision: ${missing.join(' ')}`);
  }
  const { client } = await deps.clients.forConnection(body.connectionId);
  const verdict = await checkResellerPartnerId(client, { partnerId: body.resellerPartnerId, distributorName: ctx.distributor.name });
  if (verdict.status === 'unknown' || verdict.status === 'invalid-format') throw new AppError('PARTNER_ID_UNKNOWN', verdict.message);
  if (verdict.status === 'not-in-network') throw new AppError('PARTNER_ID_NOT_IN_NETWORK', verdict.message);
  if (verdict.status === 'mpa-not-signed') throw new AppError('MPA_NOT_SIGNED', verdict.message);
  if (verdict.status === 'not-partner-of-record' || verdict.status === 'global-id') throw new AppError('RESELLER_NOT_PARTNER_OF_RECORD', verdict.message);
  const start = deps.runs.startNewTenant;
  if (!start) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Durable runs are not running on this server, so the order cannot start; nothing was ordered. Start CSP Hub normally (npm start).');
  const toReseller = (await repos.settings.get<'customer' | 'reseller'>(CREDENTIALS_RECIPIENT_KEY)) === 'reseller' && ctx.reseller?.email;
  const recipient = toReseller ? ctx.reseller! : company;
  if (!recipient.email) throw new AppError('PREREQUISITES_MISSING', `${recipient.name} has no e-mail address to receive the administrator's credentials.`);
  const resellerPartnerId = verdict.status === 'ok' ? verdict.partnerId : null;
  const chosenLanguage = body.culture.slice(0, 2).toLowerCase();
  const mca = body.signatory
    ? mcaSignatoryInput(company, body.signatory, { partnerName: ctx.reseller?.name ?? ctx.distributor.name, language: chosenLanguage })
    : body.attestation!;
  const mcaSummary = body.signatory
    ? `MCA acceptance to be requested from ${mca.firstName} ${mca.lastName} <${mca.email}>`
    : `MCA attested: ${body.attestation!.firstName} ${body.attestation!.lastName} <${body.attestation!.email}> accepted on ${body.attestation!.acceptedAt.slice(0, 10)}`;

  const now = deps.clock.now();
  // Without Microsoft's default GDAP, the explicit request asks for the chosen template (else the connection's default).
  const gdapTemplate = body.defaultGdap ? null : await onboardingGdapTemplate(repos, body.connectionId, body.gdapTemplateId, now);
  await inTransaction(deps, async (tx) => {
    // The run creates the tenant in `<account language>-<billing country>`: the chosen culture's
    // language becomes the account's language (also the language of its notifications).
    if (chosenLanguage !== company.language.slice(0, 2).toLowerCase()) await tx.companies.update(company.id, { language: chosenLanguage }, now);
    await tx.syncOptions.upsert(company.id, body.connectionId, { domainPrefix: body.domainPrefix, adminUsername: body.adminUsername, resellerPartnerId }, now);
    await tx.auditLog.append(entry(actor, now, {
      action: 'tenant.provisioning_ordered',
      summary: `New tenant ordered: ${body.domainPrefix}.onmicrosoft.com, admin ${body.adminUsername}; ${mcaSummary}.`,
      after: { connectionId: body.connectionId, domainPrefix: body.domainPrefix, culture: body.culture, adminUsername: body.adminUsername, requirePasswordChange: body.requirePasswordChange, defaultGdap: body.defaultGdap, gdapTemplateId: gdapTemplate?.id ?? null, resellerPartnerId: body.resellerPartnerId, ...(body.attestation ? { attestation: body.attestation } : { signatory: mca }) },
    }));
  });
  return start({
    companyId: company.id,
    connectionId: body.connectionId,
    domainPrefix: body.domainPrefix,
    defaultGdap: body.defaultGdap,
    gdapTemplate,
    resellerPartnerId,
    mca,
    credentialsRecipient: { name: recipient.contactPerson ?? recipient.name, email: recipient.email, language: recipient.language },
    // The staff member's notice in their own language; the customer's own messages keep the customer's.
    notify: body.notifyMe && p.email ? { name: p.name, email: p.email, language: p.company.id === company.id ? chosenLanguage : staffLanguageOf(p) } : null,
    accountUrl: `${deps.publicUrl}/companies/${company.id}`,
    adminUsername: body.adminUsername,
    requirePasswordChange: body.requirePasswordChange,
  });
}

/**
 * The new tenant's one-time administrator password, shown at most once and only to the person who
 * ordered it. It lives sealed in the welcome message of the local outbox until this reveals and
 * wipes it; the wipe and its audit entry (without the password) commit together. Anything else
 * (a second call, another person, an SMTP delivery that kept nothing) is 404.
 */
export async function revealNewTenantCredentials(deps: OnboardingDeps, actor: OnboardingActor, runId: string): Promise<{ signInName: string | null; password: string }> {
  const { repos, principal: p, company } = actor;
  const gone = () => new AppError('NOT_FOUND', 'There is no password to show: it was already shown once, sent by e-mail, or this order is not yours.');
  const run = await createWorkflowRunsRepo(deps.db).getRun(runId);
  if (!run || run.subjectId !== String(company.id) || run.kind !== PROVISION_TENANT_KIND) throw gone();
  const ordered = await repos.auditLog.list({ pathPrefix: company.path, companyId: company.id, action: 'tenant.provisioning_ordered', limit: 20 });
  const mine = ordered.find((e) => e.actorId === p.id && (e.after as { connectionId?: string } | null)?.connectionId === run.connectionId);
  if (!mine) throw gone();
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, db) => {
    const outbox = createOutboxRepo(db, deps.box);
    const welcome = (await outbox.list({ subjectId: String(company.id), limit: 200 })).find((m) => m.dedupeKey === `${runId}:welcome`);
    if (!welcome) throw gone();
    const secrets = await outbox.revealSecrets(welcome.id, now);
    if (!secrets?.temporaryPassword) throw gone();
    await tx.auditLog.append(entry(actor, now, {
      action: 'tenant.credentials_revealed',
      summary: `The one-time administrator password was shown to ${p.label} (once; it is no longer stored).`,
    }));
    const signInName = /\b[\w.+-]+@[\w.-]+\.onmicrosoft\.com\b/.exec(welcome.text)?.[0] ?? null;
    return { signInName, password: secrets.temporaryPassword };
  });
}

function entry(actor: OnboardingActor, at: Date, e: Pick<AuditEntry, 'action' | 'summary'> & Partial<Pick<AuditEntry, 'after'>>): AuditEntry {
  return { at, companyId: actor.company.id, actor: actorOf(actor.principal), requestId: actor.requestId, targetType: 'company', targetId: actor.company.id, ...e };
}
