import { isAdminChoiceAllowed } from '@csphub/domain';
import type { DomainCheck, OnboardingContext, OpenAuthorization, PartnerIdVerdict, VerifyResult, WizardDraftState } from '@csphub/server/contract';

/** Everything the wizard has collected; one object so Order review can show it all. */
export interface WizardState {
  serviceId: 'microsoft-tenant' | null;
  termsAccepted: boolean;
  connectionId: string | null;
  /** "The customer already uses Microsoft 365 and owns this domain". */
  existing: boolean;
  domainPrefix: string;
  /** The last answer of the live check, for `domainPrefix`. */
  domainCheck: DomainCheck | null;
  culture: string;
  adminUsername: string;
  requirePasswordChange: boolean;
  gdap: boolean;
  /** The GDAP template chosen for this company; null: the connection's default. */
  gdapTemplateId: number | null;
  partnerId: string;
  partnerVerdict: PartnerIdVerdict | null;
  attestation: { firstName: string; lastName: string; email: string; phone: string; acceptedAt: string };
  /** The new tenant's MCA signatory beyond name and contact (in `attestation`): the agreement's company, country, language. */
  signatory: { companyName: string; country: string; language: 'en' | 'es' };
  notifyMe: boolean;
  authorization: OpenAuthorization | null;
  verify: VerifyResult | null;
  customerDomain: string;
}

export function initialWizardState(ctx: OnboardingContext): WizardState {
  const options = ctx.syncOptions.find((o) => o.connectionId === ctx.defaultConnectionId);
  return {
    serviceId: null,
    termsAccepted: false,
    connectionId: ctx.defaultConnectionId,
    existing: false,
    domainPrefix: options?.domainPrefix ?? '',
    domainCheck: null,
    culture: ctx.defaultCulture,
    adminUsername: options?.adminUsername ?? 'admin',
    requirePasswordChange: true,
    gdap: ctx.defaults.defaultGdap,
    gdapTemplateId: null,
    // Only the distributor picks another reseller; anyone else uses the account's own reseller's ID.
    partnerId: (ctx.resellerChoice === 'any' ? options?.resellerPartnerId : null) ?? ctx.reseller?.partnerId ?? '',
    partnerVerdict: null,
    attestation: { firstName: '', lastName: '', email: '', phone: '', acceptedAt: '' },
    signatory: { companyName: ctx.company.name, country: (ctx.company.country ?? '').toUpperCase(), language: ctx.defaultCulture.toLowerCase().startsWith('es') ? 'es' : 'en' },
    notifyMe: ctx.defaults.notifyMe,
    authorization: null,
    verify: null,
    customerDomain: '',
  };
}

/** The wizard's fields a problem can point at (Order review links to them). */
export type WizardField = 'service' | 'terms' | 'connection' | 'prefix' | 'adminUsername' | 'partnerId' | 'authorization' | 'mca.firstName' | 'mca.lastName' | 'mca.email' | 'mca.acceptedAt';

/** What is wrong with one field, as a code the UI words in the reader's language (`ns.problem.<field>.<code>`). */
export interface FieldProblem {
  field: WizardField;
  code: 'required' | 'invalid' | 'future' | 'taken' | 'checking' | 'needsGdap' | 'refused' | 'unchecked' | 'pending';
}

/** One line of the Order review checklist. */
export interface ChecklistItem {
  key: 'terms' | 'phone' | 'email' | 'billingAddress' | 'prefix' | 'admin' | 'partnerId' | 'mca' | 'authorization';
  ok: boolean;
  /** Messages from the server saying what to fix (prerequisites). */
  problems?: string[];
  /** What the wizard found wrong, each pointing at its field. */
  reasons?: FieldProblem[];
  source?: 'own' | 'reseller';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The new tenant's MCA signatory (Microsoft's enhanced attestation): a name and an e-mail address
 * to send the acceptance link to; the signatory accepts, so there is no date to give.
 */
export function signatoryProblems(a: WizardState['attestation']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (a.firstName.trim() === '') problems.push({ field: 'mca.firstName', code: 'required' });
  if (a.lastName.trim() === '') problems.push({ field: 'mca.lastName', code: 'required' });
  if (a.email.trim() === '') problems.push({ field: 'mca.email', code: 'required' });
  else if (!EMAIL.test(a.email.trim())) problems.push({ field: 'mca.email', code: 'invalid' });
  return problems;
}


/** Why the domain prefix cannot be used yet (empty when its live check said it is free). */
export function prefixProblems(state: Pick<WizardState, 'domainPrefix' | 'domainCheck'>): FieldProblem[] {
  const prefix = state.domainPrefix.trim().toLowerCase();
  if (prefix === '') return [{ field: 'prefix', code: 'required' }];
  const check = state.domainCheck?.prefix === prefix ? state.domainCheck : null;
  if (!check) return [{ field: 'prefix', code: 'checking' }];
  if (!check.valid) return [{ field: 'prefix', code: 'invalid' }];
  return check.available ? [] : [{ field: 'prefix', code: 'taken' }];
}

/** Why the administrator cannot be set up (an invalid name, or a choice that needs default GDAP). */
export function adminProblems(state: Pick<WizardState, 'adminUsername' | 'requirePasswordChange' | 'gdap'>): FieldProblem[] {
  if (!isAdminUsernameValid(state.adminUsername)) return [{ field: 'adminUsername', code: 'invalid' }];
  return isAdminSetUpPossible(state) ? [] : [{ field: 'adminUsername', code: 'needsGdap' }];
}

/** Why the reseller Partner ID cannot be used (checked and refused, or not checked yet). */
export function partnerIdProblems(state: WizardState, needsPartnerId: boolean): FieldProblem[] {
  if (isPartnerIdAcceptable(state, needsPartnerId)) return [];
  const checked = state.partnerVerdict?.partnerId === state.partnerId.trim();
  return [{ field: 'partnerId', code: checked ? 'refused' : 'unchecked' }];
}

/** Whether the chosen path needs the attestation (not when Partner Center has the MCA on record). */
export function needsAttestation(state: Pick<WizardState, 'existing' | 'verify'>): boolean {
  return !(state.existing && (state.verify?.mcaOnRecord ?? false));
}

/**
 * What keeps a step from moving on (0 service, 1 terms, 2 configuration). Configuration blocks on
 * what the user can fix now; a prefix still being checked and an authorization the customer has
 * not accepted yet do not block it (Order review still lists them, and Finish waits for them).
 */
export function stepProblems(step: number, state: WizardState, opts: { needsPartnerId: boolean; today: string }): FieldProblem[] {
  if (step === 0) return state.serviceId ? [] : [{ field: 'service', code: 'required' }];
  if (step === 1) {
    const problems: FieldProblem[] = [];
    if (!state.termsAccepted) problems.push({ field: 'terms', code: 'required' });
    if (!state.connectionId) problems.push({ field: 'connection', code: 'required' });
    return problems;
  }
  if (step !== 2) return [];
  const problems: FieldProblem[] = [];
  if (!state.existing) {
    problems.push(...prefixProblems(state).filter((p) => p.code !== 'checking'));
    problems.push(...adminProblems(state));
  }
  if (opts.needsPartnerId) problems.push(...partnerIdProblems(state, true).filter((p) => p.code !== 'unchecked'));
  if (needsAttestation(state)) problems.push(...signatoryProblems(state.attestation));
  return problems;
}

/**
 * The state after choosing another connection: the checks made against the old one are dropped
 * (they are per connection), and what the user typed stays; an empty prefix or the default
 * administrator takes what the account stored for the new connection, if anything.
 */
export function switchConnection(ctx: OnboardingContext, state: WizardState, connectionId: string): WizardState {
  const options = ctx.syncOptions.find((o) => o.connectionId === connectionId);
  return {
    ...state,
    connectionId,
    domainPrefix: state.domainPrefix.trim() === '' ? (options?.domainPrefix ?? '') : state.domainPrefix,
    adminUsername: state.adminUsername.trim() === '' ? (options?.adminUsername ?? 'admin') : state.adminUsername,
    domainCheck: null,
    partnerVerdict: null,
    authorization: null,
    verify: null,
    // Templates belong to a connection: another connection starts from its own default.
    gdapTemplateId: null,
  };
}

type GdapTemplateChoice = OnboardingContext['gdap']['templates'][number];

/** The GDAP templates the person may choose from on the wizard's connection, the default first. */
export function gdapTemplatesOf(ctx: OnboardingContext, connectionId: string | null): GdapTemplateChoice[] {
  const own = ctx.gdap.templates.filter((x) => x.connectionId === connectionId);
  return [...own.filter((x) => x.isDefault), ...own.filter((x) => !x.isDefault)];
}

/** The template the order will request: the one chosen if it is the connection's, otherwise the connection's default. */
export function chosenGdapTemplate(ctx: OnboardingContext, state: Pick<WizardState, 'connectionId' | 'gdapTemplateId'>): GdapTemplateChoice | undefined {
  const own = gdapTemplatesOf(ctx, state.connectionId);
  return own.find((x) => x.id === state.gdapTemplateId) ?? own[0];
}

/** `gdapTemplateId` for the order: only a template other than the default is named (absent: the server takes the default). */
export function gdapTemplateIdOf(ctx: OnboardingContext, state: Pick<WizardState, 'connectionId' | 'gdapTemplateId'>): { gdapTemplateId?: number } {
  const t = chosenGdapTemplate(ctx, state);
  return t && !t.isDefault ? { gdapTemplateId: t.id } : {};
}

/** The new tenant's onmicrosoft.com domain as typed so far, with "…" standing for a missing prefix. */
export function tenantDomainOf(prefix: string): string {
  return `${prefix.trim().toLowerCase() || '…'}.onmicrosoft.com`;
}


/** Whether the new tenant's MCA signatory is complete: name, e-mail, company and a two-letter country (no date: they accept later). */
export function isSignatoryComplete(a: WizardState['attestation'], s: WizardState['signatory']): boolean {
  return a.firstName.trim() !== '' && a.lastName.trim() !== '' && EMAIL.test(a.email.trim()) && s.companyName.trim() !== '' && /^[A-Za-z]{2}$/.test(s.country.trim());
}

const ADMIN_USERNAME = /^[a-z0-9._-]{1,64}$/;

/** The part before @: letters, digits, dots, dashes, underscores (empty means `admin`). */
export function isAdminUsernameValid(name: string): boolean {
  return ADMIN_USERNAME.test(name.trim().toLowerCase() || 'admin');
}

/**
 * Whether the administrator asked for can be set up: a valid user name, and, for anything other
 * than Microsoft's `admin` with a forced password change, the default GDAP roles (the run creates
 * the user and makes it Global Administrator through them).
 */
export function isAdminSetUpPossible(state: Pick<WizardState, 'adminUsername' | 'requirePasswordChange' | 'gdap'>): boolean {
  const name = state.adminUsername.trim().toLowerCase() || 'admin';
  if (!isAdminUsernameValid(name)) return false;
  return isAdminChoiceAllowed({ adminUsername: name, requirePasswordChange: state.requirePasswordChange, defaultGdap: state.gdap });
}

/** Whether the reseller Partner ID may be used: checked and fine, or empty (pending). */
export function isPartnerIdAcceptable(state: WizardState, needsPartnerId: boolean): boolean {
  if (!needsPartnerId || state.partnerId.trim() === '') return true;
  return state.partnerVerdict?.partnerId === state.partnerId.trim() && state.partnerVerdict.status === 'ok';
}

/**
 * The prerequisite checklist of Order review: the account's prerequisites from the server,
 * plus what the wizard collected for the chosen path. Finish is enabled only when every line is ok.
 */
export function buildChecklist(ctx: OnboardingContext, state: WizardState, opts: { needsPartnerId: boolean; today: string }): ChecklistItem[] {
  const items: ChecklistItem[] = [{ key: 'terms', ok: state.termsAccepted }];
  for (const p of ctx.prerequisites.items) {
    items.push({ key: p.key, ok: p.ok, problems: p.problems.map((x) => x.message), ...(p.source ? { source: p.source } : {}) });
  }
  const line = (key: ChecklistItem['key'], reasons: FieldProblem[]): ChecklistItem => ({ key, ok: reasons.length === 0, ...(reasons.length > 0 ? { reasons } : {}) });
  if (state.existing) {
    const verified = state.verify?.status === 'verified' && state.verify.recorded === true;
    items.push(line('authorization', verified || state.authorization?.authorization.state === 'accepted' ? [] : [{ field: 'authorization', code: 'pending' }]));
    if (needsAttestation(state)) items.push(line('mca', signatoryProblems(state.attestation)));
  } else {
    items.push(line('prefix', prefixProblems(state)));
    items.push(line('admin', adminProblems(state)));
    items.push(line('mca', signatoryProblems(state.attestation)));
  }
  if (opts.needsPartnerId) items.push(line('partnerId', partnerIdProblems(state, opts.needsPartnerId)));
  return items;
}


/** What a draft keeps: the fields as typed (the server's `WizardDraftState`), never a check result. */
export function draftOf(state: WizardState): WizardDraftState {
  return {
    serviceId: state.serviceId,
    termsAccepted: state.termsAccepted,
    connectionId: state.connectionId,
    existing: state.existing,
    domainPrefix: state.domainPrefix,
    culture: state.culture,
    adminUsername: state.adminUsername,
    requirePasswordChange: state.requirePasswordChange,
    gdap: state.gdap,
    gdapTemplateId: state.gdapTemplateId,
    partnerId: state.partnerId,
    attestation: { ...state.attestation },
    notifyMe: state.notifyMe,
    customerDomain: state.customerDomain,
  };
}

/**
 * The wizard resumed from a draft: its fields over a fresh start, a connection that no longer
 * exists replaced by the default, the checks asked again. A person who may not choose another
 * reseller keeps their own Partner ID whatever the draft says.
 */
export function restoreDraft(ctx: OnboardingContext, draft: WizardDraftState): WizardState {
  const fresh = initialWizardState(ctx);
  const connectionId = draft.connectionId && ctx.connections.some((c) => c.id === draft.connectionId) ? draft.connectionId : fresh.connectionId;
  const attestation = { ...fresh.attestation };
  for (const k of Object.keys(attestation) as (keyof WizardState['attestation'])[]) attestation[k] = draft.attestation[k] ?? attestation[k];
  return {
    ...fresh,
    serviceId: draft.serviceId,
    termsAccepted: draft.termsAccepted,
    connectionId,
    existing: draft.existing,
    domainPrefix: draft.domainPrefix,
    culture: ctx.cultures.includes(draft.culture) ? draft.culture : fresh.culture,
    adminUsername: draft.adminUsername,
    requirePasswordChange: draft.requirePasswordChange,
    gdap: draft.gdap,
    // Kept only while it is still one of the restored connection's templates; otherwise that connection's default.
    gdapTemplateId: gdapTemplatesOf(ctx, connectionId).some((x) => x.id === draft.gdapTemplateId) ? (draft.gdapTemplateId ?? null) : null,
    partnerId: ctx.resellerChoice === 'any' ? draft.partnerId : fresh.partnerId,
    attestation,
    notifyMe: draft.notifyMe,
    customerDomain: draft.customerDomain,
  };
}
