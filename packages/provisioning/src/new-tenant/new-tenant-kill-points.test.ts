import { describe, expect, it } from 'vitest';
import { NEW_TENANT_IRREVERSIBLE_STAGES, newTenantKillPoints, newTenantKillPointsByTier } from './new-tenant-kill-points';

describe('newTenantKillPoints', () => {
  it('gives the crash test its boundaries of the happy path (reseller, admin set up, default GDAP), in run order', () => {
    // The list packages/provisioning/test/new-tenant/new-tenant-crash.test.ts kills at.
    expect(newTenantKillPoints({ reseller: true, 'admin-setup': true, 'default-gdap': true, 'explicit-gdap': false, 'mca-partner-typed': true, 'mca-signatory': false })).toEqual([
      'after:set-sync-status',
      'after:validate-prerequisites',
      'after:validate-address',
      'after:check-domain',
      'after:resolve-reseller',
      'before:create-customer',
      'after:create-customer',
      'after:set-up-admin',
      'after:confirm-mca',
      'after:default-gdap',
      'after:store-tenant-link',
      'after:deliver-credentials',
      'after:notify',
    ]);
  });

  it('takes the explicit GDAP request and leaves out what the path skips', () => {
    const points = newTenantKillPoints({ reseller: false, 'admin-setup': true, 'default-gdap': false, 'explicit-gdap': true, 'mca-partner-typed': true, 'mca-signatory': false });
    expect(points).toContain('after:request-gdap');
    expect(points).not.toContain('after:default-gdap');
    expect(points).not.toContain('after:resolve-reseller');
  });

  it('splits them: SIGKILL around what cannot be undone, in-process replay for the rest, nothing lost or doubled', () => {
    const path = { reseller: true, 'admin-setup': true, 'default-gdap': true, 'explicit-gdap': false, 'mca-partner-typed': true, 'mca-signatory': false } as const;
    const { sigkill, replay } = newTenantKillPointsByTier(path);
    expect(sigkill).toEqual(['before:create-customer', 'after:create-customer', 'after:set-up-admin', 'after:confirm-mca']);
    expect([...sigkill, ...replay].sort()).toEqual([...newTenantKillPoints(path)].sort());
    expect(replay).toContain('after:notify');
  });

  it("the signatory path: the request before GDAP, the wait and the agreement after the link and the credentials", () => {
    const points = newTenantKillPoints({ reseller: true, 'admin-setup': true, 'default-gdap': true, 'explicit-gdap': false, 'mca-partner-typed': false, 'mca-signatory': true });
    expect(points).not.toContain('after:confirm-mca');
    expect(points.slice(points.indexOf('after:set-up-admin'))).toEqual([
      'after:set-up-admin',
      'after:request-mca-acceptance',
      'after:default-gdap',
      'after:store-tenant-link',
      'after:deliver-credentials',
      'after:await-mca-acceptance',
      'after:create-mca-agreement',
      'after:notify',
    ]);
  });

  it('names the irreversible stages', () => {
    expect(NEW_TENANT_IRREVERSIBLE_STAGES).toEqual(['create-customer', 'set-up-admin', 'confirm-mca', 'create-mca-agreement']);
  });
});
