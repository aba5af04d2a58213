import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GDAP_MAX_DURATION_DAYS, GLOBAL_ADMINISTRATOR_ROLE_ID, canAutoExtend, checkGdapTemplate, gdapRelationshipDisplayName, gdapRoleDifference, type GdapTemplateDefinition } from './gdap-template';
import { gdapExpiryNoticeDue, gdapStateOf } from './gdap-relationship-state';

const guid = fc.uuid().map((u) => u.toLowerCase());
const role = guid.map((id) => ({ id, name: `Role ${id.slice(0, 4)}` }));
const roles = fc.uniqueArray(role, { minLength: 1, maxLength: 8, selector: (r) => r.id }).filter((rs) => rs.every((r) => r.id !== GLOBAL_ADMINISTRATOR_ROLE_ID));
const template = fc.record({ name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0), roles, durationDays: fc.integer({ min: 1, max: GDAP_MAX_DURATION_DAYS }), autoExtend: fc.boolean() }).map(
  (t): GdapTemplateDefinition => ({ ...t, securityGroups: [] }),
);
const GA = { id: GLOBAL_ADMINISTRATOR_ROLE_ID, name: 'Global Administrator' };

describe('GDAP template rules', () => {
  it('takes every template of 1 to 730 days without Global Administrator, auto-extended or not', () => {
    fc.assert(fc.property(template, (t) => {
      expect(checkGdapTemplate(t)).toEqual([]);
    }));
  });

  it('refuses auto-extend with Global Administrator wherever it is in the list, and takes it without auto-extend', () => {
    fc.assert(
      fc.property(template, fc.nat(), fc.boolean(), (t, at, upper) => {
        const withGa = [...t.roles];
        withGa.splice(at % (withGa.length + 1), 0, { ...GA, id: upper ? GA.id.toUpperCase() : GA.id });
        expect(checkGdapTemplate({ ...t, roles: withGa, autoExtend: true }).map((i) => i.field)).toEqual(['autoExtend']);
        expect(checkGdapTemplate({ ...t, roles: withGa, autoExtend: false })).toEqual([]);
        expect(canAutoExtend(withGa.map((r) => r.id))).toBe(false);
      }),
    );
  });

  it('refuses a duration outside 1..730 days or not a whole number of days', () => {
    const bad = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: GDAP_MAX_DURATION_DAYS + 1 }), fc.double({ min: 1.01, max: 729.99, noInteger: true }));
    fc.assert(fc.property(template, bad, (t, d) => {
      expect(checkGdapTemplate({ ...t, durationDays: d }).map((i) => i.field)).toEqual(['durationDays']);
    }));
  });

  it('refuses a group given a role the template does not have, and a role listed twice', () => {
    fc.assert(
      fc.property(template, guid, guid, (t, groupId, stranger) => {
        fc.pre(!t.roles.some((r) => r.id === stranger));
        const issues = checkGdapTemplate({ ...t, securityGroups: [{ groupId, name: 'Helpdesk', roleIds: [t.roles[0]!.id, stranger] }] });
        expect(issues).toEqual([{ field: 'securityGroups.0.roleIds.1', message: 'is not one of the template roles' }]);
        expect(checkGdapTemplate({ ...t, roles: [...t.roles, t.roles[0]!] }).map((i) => i.field)).toEqual([`roles.${t.roles.length}.id`]);
      }),
    );
  });

  it('refuses a role the catalogue does not know', () => {
    const t: GdapTemplateDefinition = { name: 'Support', roles: [GA], durationDays: 30, autoExtend: false, securityGroups: [] };
    expect(checkGdapTemplate(t, new Set(['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'])).map((i) => i.field)).toEqual(['roles.0.id']);
  });

  it('splits the role difference into added, removed and kept, whatever the order or case', () => {
    fc.assert(
      fc.property(fc.uniqueArray(guid), fc.uniqueArray(guid), (a, b) => {
        const d = gdapRoleDifference(a, b.map((x) => x.toUpperCase()));
        expect(new Set([...d.kept, ...d.added])).toEqual(new Set(b));
        expect(new Set([...d.kept, ...d.removed])).toEqual(new Set(a));
        expect(d.added.some((x) => d.removed.includes(x))).toBe(false);
      }),
    );
  });

  it('derives a display name of at most 50 characters, the same for the same request and different otherwise', () => {
    const input = fc.record({ companyId: fc.nat({ max: 2 ** 31 - 1 }), templateId: fc.nat({ max: 2 ** 31 - 1 }), templateVersion: fc.nat({ max: 2 ** 31 - 1 }), attempt: fc.nat({ max: 2 ** 31 - 1 }) });
    fc.assert(
      fc.property(input, input, (a, b) => {
        expect(gdapRelationshipDisplayName(a).length).toBeLessThanOrEqual(50);
        expect(gdapRelationshipDisplayName(a) === gdapRelationshipDisplayName(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
  });
});

describe('GDAP relationship states and expiry notices', () => {
  const now = new Date('2026-12-07T00:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  it('shows an active relationship ending within 30 days without auto-extend as expiring', () => {
    expect(gdapStateOf('active', days(29), false, now)).toBe('expiring');
    expect(gdapStateOf('active', days(29), true, now)).toBe('active');
    expect(gdapStateOf('active', days(31), false, now)).toBe('active');
    expect(gdapStateOf('approvalPending', null, false, now)).toBe('approval_pending');
    expect(gdapStateOf('terminationRequested', days(3), false, now)).toBe('terminating');
  });

  it('sends each of the 30, 7 and 1 day notices once, the nearest one due', () => {
    expect(gdapExpiryNoticeDue(days(31), now, false, [])).toBeNull();
    expect(gdapExpiryNoticeDue(days(30), now, false, [])).toBe(30);
    expect(gdapExpiryNoticeDue(days(20), now, false, [30])).toBeNull();
    expect(gdapExpiryNoticeDue(days(6), now, false, [30])).toBe(7);
    expect(gdapExpiryNoticeDue(days(0.5), now, false, [30])).toBe(1);
    expect(gdapExpiryNoticeDue(days(0.5), now, false, [30, 7, 1])).toBeNull();
    expect(gdapExpiryNoticeDue(days(5), now, true, [])).toBeNull();
    expect(gdapExpiryNoticeDue(days(-1), now, false, [])).toBeNull();
  });
});
