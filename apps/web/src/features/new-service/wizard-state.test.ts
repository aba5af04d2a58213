import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainCheck, OnboardingContext, PartnerIdVerdict } from '@csphub/server/contract';
import { buildChecklist, chosenGdapTemplate, draftOf, gdapTemplateIdOf, gdapTemplatesOf, initialWizardState, restoreDraft, isAdminSetUpPossible, isAdminUsernameValid, isPartnerIdAcceptable, isSignatoryComplete, stepProblems, switchConnection, tenantDomainOf, type WizardState } from './wizard-state';

const ctx = (over: Partial<OnboardingContext> = {}): OnboardingContext => ({
  company: { id: 7, name: 'Wingtip Toys', kind: 'customer', country: 'US', language: 'en', email: 'it@wingtip.example', domain: null },
  distributor: { id: 1, name: 'Contoso Distribution LATAM' },
  reseller: { id: 2, name: 'Adatum', partnerId: '6100001' },
  direct: false,
  resellerChoice: 'any',
  connections: [{ id: 'latam', name: 'LATAM', region: 'MX', type: 'indirect-provider' }],
  defaultConnectionId: 'latam',
  syncOptions: [],
  cultures: ['en-US', 'es-MX'],
  defaultCulture: 'es-MX',
  prerequisites: { ready: true, items: [{ key: 'phone', ok: true, problems: [] }] },
  gdap: { newTenant: { roles: [], durationDays: 730, autoExtendDays: 0 }, existingTenant: { roles: [], durationDays: 730, autoExtendDays: 180 }, templates: [] },
  defaults: { defaultGdap: true, notifyMe: true },
  ...over,
});

const attestation = { firstName: 'Ana', lastName: 'López', email: 'ana@wingtip.example', phone: '', acceptedAt: '2026-11-01' };
const available = (prefix: string): DomainCheck => ({ prefix, domain: `${prefix}.onmicrosoft.com`, valid: true, available: true, problem: null, message: '', suggestions: [] });
const verdict = (partnerId: string, status: PartnerIdVerdict['status']): PartnerIdVerdict => ({ status, partnerId, message: '', distributorName: 'Contoso' });

/** A new-tenant wizard filled in completely and correctly. */
const complete = (c = ctx()): WizardState => ({
  ...initialWizardState(c),
  serviceId: 'microsoft-tenant',
  termsAccepted: true,
  domainPrefix: 'wingtiptoys',
  domainCheck: available('wingtiptoys'),
  partnerVerdict: verdict('6100001', 'ok'),
  attestation,
});

describe('the wizard starts from what the account already knows', () => {
  it('takes the prefix, administrator and Partner ID from the default connection\'s sync options', () => {
    const s = initialWizardState(
      ctx({ syncOptions: [{ connectionId: 'latam', adminUsername: 'it.admin', domainPrefix: 'wingtip', resellerPartnerId: '6100002', syncStatus: 'not_synced', failureReason: null, tenantId: null, defaultDomain: null }] }),
    );
    expect(s).toMatchObject({ connectionId: 'latam', domainPrefix: 'wingtip', adminUsername: 'it.admin', partnerId: '6100002', culture: 'es-MX' });
  });

  it('falls back to Microsoft\'s admin, the reseller\'s Partner ID, a forced password change, default GDAP and nothing accepted', () => {
    expect(initialWizardState(ctx({ defaults: { defaultGdap: false, notifyMe: false } }))).toMatchObject({ gdap: false, notifyMe: false });
    expect(initialWizardState(ctx())).toMatchObject({
      serviceId: null,
      termsAccepted: false,
      existing: false,
      domainPrefix: '',
      adminUsername: 'admin',
      requirePasswordChange: true,
      gdap: true,
      partnerId: '6100001',
      notifyMe: true,
    });
    expect(initialWizardState(ctx({ reseller: null })).partnerId).toBe('');
  });
});

describe('field rules', () => {
  it('an administrator user name is letters, digits, dots, dashes and underscores, at most 64; empty means admin', () => {
    expect(isAdminUsernameValid('')).toBe(true);
    expect(isAdminUsernameValid('It.Admin')).toBe(true);
    expect(isAdminUsernameValid('a'.repeat(64))).toBe(true);
    expect(isAdminUsernameValid('a'.repeat(65))).toBe(false);
    expect(isAdminUsernameValid('ana lópez')).toBe(false);
    expect(isAdminUsernameValid('ana@wingtip')).toBe(false);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (name) => {
        const n = name.trim().toLowerCase();
        const expected = n === '' || (n.length <= 64 && /^[a-z0-9._-]+$/.test(n));
        expect(isAdminUsernameValid(name)).toBe(expected);
      }),
    );
  });

  it('a custom administrator, or the default one without a forced change, needs the default GDAP roles', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'admin', 'ADMIN ', 'it.admin', 'bad name'), fc.boolean(), fc.boolean(), (adminUsername, requirePasswordChange, gdap) => {
        const name = adminUsername.trim().toLowerCase() || 'admin';
        const expected = isAdminUsernameValid(adminUsername) && (gdap || (name === 'admin' && requirePasswordChange));
        expect(isAdminSetUpPossible({ adminUsername, requirePasswordChange, gdap })).toBe(expected);
      }),
    );
  });


  it("the new tenant's MCA signatory needs names, an e-mail, the company and a two-letter country, and no date (they accept later)", () => {
    const person = { ...attestation, acceptedAt: '' };
    const signatory = { companyName: 'Wingtip Toys', country: 'MX', language: 'es' as const };
    expect(isSignatoryComplete(person, signatory)).toBe(true);
    expect(isSignatoryComplete({ ...person, email: 'ana@wingtip' }, signatory)).toBe(false);
    expect(isSignatoryComplete({ ...person, lastName: ' ' }, signatory)).toBe(false);
    expect(isSignatoryComplete(person, { ...signatory, companyName: '' })).toBe(false);
    expect(isSignatoryComplete(person, { ...signatory, country: 'Mexico' })).toBe(false);
  });

  it('a Partner ID is acceptable when empty (pending), not needed, or checked as ok for exactly what is typed', () => {
    const s = complete();
    expect(isPartnerIdAcceptable({ ...s, partnerId: '  ' }, true)).toBe(true);
    expect(isPartnerIdAcceptable({ ...s, partnerVerdict: null }, false)).toBe(true);
    expect(isPartnerIdAcceptable(s, true)).toBe(true);
    expect(isPartnerIdAcceptable({ ...s, partnerId: ' 6100001 ' }, true)).toBe(true);
    expect(isPartnerIdAcceptable({ ...s, partnerId: '6100002' }, true)).toBe(false); // the verdict is for another ID
    expect(isPartnerIdAcceptable({ ...s, partnerVerdict: verdict('6100001', 'mpa-not-signed') }, true)).toBe(false);
    expect(isPartnerIdAcceptable({ ...s, partnerVerdict: null }, true)).toBe(false);
  });
});

describe('Order review checklist', () => {
  const opts = { needsPartnerId: true, today: '2026-12-06' };
  const failing = (s: WizardState, c = ctx()) => buildChecklist(c, s, opts).filter((i) => !i.ok).map((i) => i.key);

  it('a complete new-tenant wizard passes every line, in order', () => {
    expect(buildChecklist(ctx(), complete(), opts).map((i) => [i.key, i.ok])).toEqual([
      ['terms', true],
      ['phone', true],
      ['prefix', true],
      ['admin', true],
      ['mca', true],
      ['partnerId', true],
    ]);
  });

  it('each missing piece fails its own line and only that one', () => {
    const s = complete();
    expect(failing({ ...s, termsAccepted: false })).toEqual(['terms']);
    expect(failing({ ...s, domainCheck: null })).toEqual(['prefix']);
    expect(failing({ ...s, domainPrefix: 'other' })).toEqual(['prefix']); // the check was for another prefix
    expect(failing({ ...s, domainCheck: { ...available('wingtiptoys'), available: false, problem: 'taken' } })).toEqual(['prefix']);
    expect(failing({ ...s, adminUsername: 'it.admin', gdap: false })).toEqual(['admin']);
    expect(failing({ ...s, attestation: { ...attestation, email: '' } })).toEqual(['mca']);
    expect(failing({ ...s, partnerVerdict: verdict('6100001', 'unknown') })).toEqual(['partnerId']);
  });

  it('the prefix line compares the check with the prefix as typed, trimmed and lower-cased', () => {
    expect(failing({ ...complete(), domainPrefix: ' WingtipToys ' })).toEqual([]);
  });

  it('carries the server\'s prerequisite problems, and no Partner ID line when none is needed', () => {
    const c = ctx({ prerequisites: { ready: false, items: [{ key: 'billingAddress', ok: false, source: 'reseller', problems: [{ field: 'billingLine1', code: 'REQUIRED', message: 'Add the street.' }] }] } });
    const items = buildChecklist(c, complete(c), { needsPartnerId: false, today: opts.today });
    expect(items.find((i) => i.key === 'billingAddress')).toEqual({ key: 'billingAddress', ok: false, problems: ['Add the street.'], source: 'reseller' });
    expect(items.some((i) => i.key === 'partnerId')).toBe(false);
  });

  it('an existing tenant needs the authorization instead of a prefix and an administrator, and no attestation when an MCA is on record', () => {
    const s: WizardState = { ...complete(), existing: true, domainCheck: null };
    expect(failing(s)).toEqual(['authorization']);
    const verified: WizardState = { ...s, verify: { status: 'verified', message: '', recorded: true, mcaOnRecord: true }, attestation: { ...attestation, firstName: '' } };
    expect(buildChecklist(ctx(), verified, opts).map((i) => i.key)).toEqual(['terms', 'phone', 'authorization', 'partnerId']);
    expect(failing(verified)).toEqual([]);
    expect(failing({ ...verified, verify: { status: 'verified', message: '', recorded: true, mcaOnRecord: false } })).toEqual(['mca']);
    expect(failing({ ...verified, verify: { status: 'verified', message: '', recorded: false, mcaOnRecord: true } })).toEqual(['authorization']);
  });
});

describe('each step says what keeps it from moving on', () => {
  const opts = { needsPartnerId: true, today: '2026-12-06' };
  const fields = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}.${p.code}`);

  it('service and terms: something must be chosen and accepted', () => {
    expect(fields(stepProblems(0, initialWizardState(ctx()), opts))).toEqual(['service.required']);
    expect(fields(stepProblems(1, { ...complete(), termsAccepted: false }, opts))).toEqual(['terms.required']);
    expect(stepProblems(1, complete(), opts)).toEqual([]);
  });

  it('configuration names every field to fix: an empty signatory or signer, a future date, a taken prefix, an administrator without GDAP', () => {
    const empty = { firstName: '', lastName: '', email: '', phone: '', acceptedAt: '' };
    // A new tenant names the MCA signatory, who accepts later: no date to give.
    expect(fields(stepProblems(2, { ...complete(), attestation: empty }, opts))).toEqual(['mca.firstName.required', 'mca.lastName.required', 'mca.email.required']);
    // An existing tenant without the MCA on record names the signatory too (Microsoft retires the partner-typed signer and date).
    const existing: WizardState = { ...complete(), existing: true, domainPrefix: '', verify: { status: 'verified', message: '', recorded: true, mcaOnRecord: false } };
    expect(fields(stepProblems(2, { ...existing, attestation: empty }, opts))).toEqual(['mca.firstName.required', 'mca.lastName.required', 'mca.email.required']);
    expect(fields(stepProblems(2, { ...existing, attestation: { ...attestation, acceptedAt: '' } }, opts))).toEqual([]);
    expect(fields(stepProblems(2, { ...complete(), attestation: { ...attestation, email: 'ana@' } }, opts))).toEqual(['mca.email.invalid']);
    expect(fields(stepProblems(2, { ...complete(), domainCheck: { ...available('wingtiptoys'), available: false, problem: 'taken' } }, opts))).toEqual(['prefix.taken']);
    expect(fields(stepProblems(2, { ...complete(), domainPrefix: '' }, opts))).toEqual(['prefix.required']);
    expect(fields(stepProblems(2, { ...complete(), adminUsername: 'it.admin', gdap: false }, opts))).toEqual(['adminUsername.needsGdap']);
    expect(fields(stepProblems(2, { ...complete(), partnerVerdict: verdict('6100001', 'not-in-network') }, opts))).toEqual(['partnerId.refused']);
    expect(stepProblems(2, complete(), opts)).toEqual([]);
  });

  it('configuration does not block on what is still in flight: a prefix being checked, a Partner ID not yet checked, an authorization not yet accepted', () => {
    expect(stepProblems(2, { ...complete(), domainCheck: null, partnerVerdict: null }, opts)).toEqual([]);
    expect(stepProblems(2, { ...complete(), existing: true, domainPrefix: '' }, opts)).toEqual([]);
  });

  it('no attestation is asked for when Partner Center has the MCA on record', () => {
    const s: WizardState = { ...complete(), existing: true, attestation: { firstName: '', lastName: '', email: '', phone: '', acceptedAt: '' }, verify: { status: 'verified', message: '', recorded: true, mcaOnRecord: true } };
    expect(stepProblems(2, s, opts)).toEqual([]);
    expect(buildChecklist(ctx(), s, opts).every((i) => i.ok)).toBe(true);
  });

  it('Order review carries the reason of each red line', () => {
    const s: WizardState = { ...complete(), attestation: { ...attestation, firstName: '', acceptedAt: '2030-01-01' } };
    const mca = buildChecklist(ctx(), s, opts).find((i) => i.key === 'mca');
    expect(mca).toEqual({ key: 'mca', ok: false, reasons: [{ field: 'mca.firstName', code: 'required' }] });
    const existing: WizardState = { ...s, existing: true, verify: { status: 'verified', message: '', recorded: true, mcaOnRecord: false } };
    const recorded = buildChecklist(ctx(), existing, opts).find((i) => i.key === 'mca');
    expect(recorded).toEqual({ key: 'mca', ok: false, reasons: [{ field: 'mca.firstName', code: 'required' }] });
    const prefix = buildChecklist(ctx(), { ...complete(), domainCheck: null }, opts).find((i) => i.key === 'prefix');
    expect(prefix?.reasons).toEqual([{ field: 'prefix', code: 'checking' }]);
  });

});

describe('choosing another connection', () => {
  const c = ctx({
    connections: [
      { id: 'latam', name: 'LATAM', region: 'MX', type: 'indirect-provider' },
      { id: 'europe', name: 'Europe', region: 'ES', type: 'indirect-provider' },
    ],
    syncOptions: [{ connectionId: 'europe', adminUsername: 'it.admin', domainPrefix: 'wingtipeu', resellerPartnerId: null, syncStatus: 'not_synced', failureReason: null, tenantId: null, defaultDomain: null }],
  });

  it('keeps what was typed and drops the checks made against the other connection', () => {
    const s = switchConnection(c, complete(c), 'europe');
    expect(s).toMatchObject({ connectionId: 'europe', domainPrefix: 'wingtiptoys', domainCheck: null, partnerVerdict: null, authorization: null, verify: null });
  });

  it('an empty prefix takes what the account stored for the new connection', () => {
    expect(switchConnection(c, { ...complete(c), domainPrefix: '' }, 'europe').domainPrefix).toBe('wingtipeu');
    expect(switchConnection(c, { ...complete(c), domainPrefix: '' }, 'latam').domainPrefix).toBe('');
  });

  it('the domain shown never reads "@.onmicrosoft.com"', () => {
    expect(tenantDomainOf('')).toBe('….onmicrosoft.com');
    expect(tenantDomainOf(' Wingtip ')).toBe('wingtip.onmicrosoft.com');
  });
});

describe('a draft', () => {
  it('keeps what was typed and nothing checked, and resumes to the same fields', () => {
    const s: WizardState = { ...complete(), adminUsername: 'it.admin', customerDomain: 'wingtip.com' };
    const d = draftOf(s);
    expect(d).not.toHaveProperty('domainCheck');
    expect(d).not.toHaveProperty('partnerVerdict');
    const back = restoreDraft(ctx(), JSON.parse(JSON.stringify(d)));
    expect(back).toEqual({ ...s, domainCheck: null, partnerVerdict: null, authorization: null, verify: null });
  });

  it('replaces a connection that is gone and keeps a locked Partner ID', () => {
    const d = { ...draftOf(complete()), connectionId: '00000000-0000-4000-8000-000000000000', partnerId: '6100009' };
    expect(restoreDraft(ctx(), d).connectionId).toBe('latam');
    expect(restoreDraft(ctx({ resellerChoice: 'own' }), d).partnerId).toBe('6100001');
    expect(restoreDraft(ctx(), d).partnerId).toBe('6100009');
  });
});

describe('the GDAP template is chosen per company among the connection\'s templates', () => {
  const tpl = (connectionId: string, id: number, name: string, isDefault: boolean) => ({ connectionId, id, name, version: 1, roles: [{ id: 'r', name: 'Directory Readers' }], durationDays: 730, autoExtend: false, isDefault });
  const two = ctx({
    connections: [
      { id: 'latam', name: 'LATAM', region: 'MX', type: 'indirect-provider' },
      { id: 'eu', name: 'Europe', region: 'ES', type: 'indirect-provider' },
    ],
    gdap: { ...ctx().gdap, templates: [tpl('latam', 11, 'Helpdesk', false), tpl('latam', 10, 'Microsoft default', true), tpl('eu', 20, 'Microsoft default', true)] },
  });

  it("starts on the connection's default and names no template in the order", () => {
    const s = initialWizardState(two);
    expect(gdapTemplatesOf(two, 'latam').map((x) => x.id)).toEqual([10, 11]);
    expect(chosenGdapTemplate(two, s)?.id).toBe(10);
    expect(gdapTemplateIdOf(two, s)).toEqual({});
  });

  it('sends the chosen template, and falls back to the new connection\'s default when the connection changes', () => {
    const chosen = { ...initialWizardState(two), gdapTemplateId: 11 };
    expect(chosenGdapTemplate(two, chosen)?.name).toBe('Helpdesk');
    expect(gdapTemplateIdOf(two, chosen)).toEqual({ gdapTemplateId: 11 });
    const moved = switchConnection(two, chosen, 'eu');
    expect(moved.gdapTemplateId).toBeNull();
    expect(chosenGdapTemplate(two, moved)?.id).toBe(20);
    // A template of another connection is never sent, whatever the state says.
    expect(gdapTemplateIdOf(two, { connectionId: 'eu', gdapTemplateId: 11 })).toEqual({});
  });

  it('keeps the chosen template in the draft, so a reload resumes with it and the order names it', () => {
    const chosen = { ...initialWizardState(two), gdapTemplateId: 11 };
    const saved = JSON.parse(JSON.stringify(draftOf(chosen)));
    expect(saved.gdapTemplateId).toBe(11);
    const back = restoreDraft(two, saved);
    expect(back.gdapTemplateId).toBe(11);
    expect(gdapTemplateIdOf(two, back)).toEqual({ gdapTemplateId: 11 });
  });

  it("resumes on the connection's default when the drafted template is gone, is another connection's, or the draft predates the choice", () => {
    const chosen = draftOf({ ...initialWizardState(two), gdapTemplateId: 11 });
    expect(restoreDraft(two, { ...chosen, gdapTemplateId: 99 }).gdapTemplateId).toBeNull();
    expect(restoreDraft(two, { ...chosen, connectionId: 'eu' }).gdapTemplateId).toBeNull();
    const { gdapTemplateId: _, ...older } = chosen;
    const back = restoreDraft(two, older);
    expect(back.gdapTemplateId).toBeNull();
    expect(chosenGdapTemplate(two, back)?.id).toBe(10);
  });
});
