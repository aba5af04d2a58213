import { isAdminChoiceAllowed } from '@csphub/domain';
import type { DomainCheck, OnboardingContext, OpenAuthorization, PartnerIdVerdict, VerifyResult } from './new-service-api';

/** Everything the wizard has collected; one object so Order review can show it all. */
export interface WizardState {
  serviceId: 'microsoft-tenant' | null;
  termsAccepted: boolean;
  connectionId: string | null;
  /** "The customer already uses Microsoft 365 and owns this domain" (C2). */
  existing: boolean;
  domainPrefix: string;
  /** The last answer of the live check, for `domainPrefix`. */
  domainCheck: DomainCheck | null;
  culture: string;
  adminUsername: string;
  requirePasswordChange: boolean;
  gdap: boolean;
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

/** One line of the Order review checklist. */
export interface ChecklistItem {
  key: 'terms' | 'phone' | 'email' | 'billingAddress' | 'prefix' | 'admin' | 'partnerId' | 'mca' | 'authorization';
  ok: boolean;
  /** Messages from the server saying what to fix (prerequisites). */
  problems?: string[];
  source?: 'own' | 'reseller';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether the MCA attestation is complete and plausible (date given, not in the future). */
export function isAttestationComplete(a: WizardState['attestation'], today: string): boolean {
  return a.firstName.trim() !== '' && a.lastName.trim() !== '' && EMAIL.test(a.email.trim()) && a.acceptedAt !== '' && a.acceptedAt <= today;
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

/** Whether the reseller Partner ID may be used: checked and fine, or empty (pending, D1). */
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
  if (state.existing) {
    const verified = state.verify?.status === 'verified' && state.verify.recorded === true;
    items.push({ key: 'authorization', ok: verified || state.authorization?.authorization.state === 'accepted' });
    if (!(state.verify?.mcaOnRecord ?? false)) items.push({ key: 'mca', ok: isAttestationComplete(state.attestation, opts.today) });
  } else {
    items.push({ key: 'prefix', ok: state.domainCheck?.prefix === state.domainPrefix.trim().toLowerCase() && state.domainCheck.available === true });
    items.push({ key: 'admin', ok: isAdminSetUpPossible(state) });
    items.push({ key: 'mca', ok: isSignatoryComplete(state.attestation, state.signatory) });
  }
  if (opts.needsPartnerId) items.push({ key: 'partnerId', ok: isPartnerIdAcceptable(state, opts.needsPartnerId) });
  return items;
}
