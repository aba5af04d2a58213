import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsRepo, createTenantSubscriptionReadsRepo, type Repos } from '@csphub/db';
import type { TestDatabase } from '@csphub/testing';
import { applyImport, createImportRun, decideItem, importReportCsv, stageImport, type ImportDeps } from '../../src/customer-import/customer-import.service';
import { syncFromActivity } from '../../src/customer-import/customer-sync.service';
import { customerSyncPorts, SYNC_LEASE_MS } from '../../src/customer-import/customer-sync-schedule';
import { address, createImportWorld, M365 } from './import-world';

describe('import of an existing customer base', () => {
  let db: TestDatabase;
  let repos: Repos;
  let deps: ImportDeps;
  let world: Awaited<ReturnType<typeof createImportWorld>>['world'];
  let ids: { d: number; adatum: number; proseware: number; known: number[]; dupA: number[]; dupB: number[] };
  let connectionId: string;

  beforeAll(async () => {
    ({ db, repos, deps, world, ids, connectionId } = await createImportWorld());
  }, 120_000);
  afterAll(async () => db?.dispose());

  it('stages a plan, stops halfway, resumes, and ends with exactly the expected companies and subscriptions', async () => {
    const run = await createImportRun(deps, connectionId, 'test');
    const staged = await stageImport(deps, run.id, world.client);
    expect(staged).toMatchObject({ state: 'review', customersRead: 300 });
    // Only this partner's subscriptions: 120×2 + 90 + 60 + 10 + 10 + 10, none of Northwind's.
    expect(staged.subscriptionsRead).toBe(420);
    const items = await repos.customerImports.listItems(run.id);
    const count = (p: string) => items.filter((i) => i.proposal === p).length;
    expect([count('new'), count('matched'), count('conflict')]).toEqual([270, 10, 20]);
    expect(items.filter((i) => i.parentCompanyId === ids.adatum)).toHaveLength(120);
    expect(items.filter((i) => i.parentCompanyId === ids.proseware)).toHaveLength(90);
    expect(items.filter((i) => i.parentCompanyId === ids.d)).toHaveLength(60);
    // Each customer's billing profile, MCA acceptance and GDAP relationships were read with it.
    const details = (n: number) => items.find((i) => i.companyName === `Imported ${n}`)!.details as { billing?: { address: { city?: string } }; mca?: string; gdap?: { status: string }[] };
    expect(details(0)).toMatchObject({ billing: { address: { city: 'Bogota' } }, mca: 'current' });
    expect(details(1).mca).toBe('none');
    expect(details(0).gdap?.length).toBe(1);
    expect(details(200).gdap).toBeUndefined();
    const codes = new Set(items.flatMap((i) => (i.conflicts as { code: string }[]).map((c) => c.code)));
    expect([...codes].sort()).toEqual(['domain-on-several-companies', 'reseller-not-in-network']);

    // A person decides: the duplicated domains go to company A, the unknown Partner IDs become direct customers.
    for (const [k, i] of items.filter((x) => x.proposal === 'conflict').entries()) {
      const n = Number(i.companyName.split(' ')[1]);
      expect(await decideItem(deps, run.id, i.tenantId, n < 280 ? `match:${ids.dupA[n - 270]!}` : k % 2 === 0 ? `new:${ids.d}` : 'skip')).toBe(true);
    }

    // Stop after half the customers (the process dies between two batches).
    const halfway = await applyImport(deps, run.id, { limit: 150 });
    expect(halfway.state).toBe('importing');
    expect(halfway.companiesCreated + halfway.companiesUpdated).toBe(150);
    const resumed = await applyImport(deps, run.id);
    expect(resumed.state).toBe('done');

    // Each applied customer records its company: a matched one the company it was matched to.
    const appliedItems = (await repos.customerImports.listItems(run.id)).filter((i) => i.outcome === 'applied');
    expect(appliedItems.filter((i) => !i.appliedCompanyId)).toEqual([]);
    expect(appliedItems.filter((i) => i.proposal === 'matched').map((i) => i.appliedCompanyId).sort()).toEqual([...ids.known].sort());
    const subtree = await repos.companies.listSubtree((await repos.companies.get(ids.d))!.path);
    const customers = subtree.filter((c) => c.kind === 'customer');
    // 30 existing + 270 new + 5 conflicts turned into new direct customers.
    expect(customers).toHaveLength(30 + 270 + 5);
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    expect(resumed.companiesCreated).toBe(275);
    expect(resumed.companiesUpdated).toBe(20);
    // A new company takes its address and contact from the billing profile.
    expect(customers.find((c) => c.name === 'Imported 5')).toMatchObject({ city: 'Bogota', country: 'CO', postalCode: '110111', billingLine1: '1 Main St', contactPerson: 'Ana Ruiz' });
    const underAdatum = customers.filter((c) => c.parentId === ids.adatum && c.name.startsWith('Imported'));
    expect(underAdatum).toHaveLength(120);
    const subs = await repos.customerImports.subscriptionsOf(connectionId);
    expect(subs).toHaveLength(420 - 5);
    expect(new Set(subs.map((s) => s.subscriptionId)).size).toBe(subs.length);
    expect(subs.some((s) => s.quantity === 7)).toBe(false);

    const csv = await importReportCsv(deps, run.id);
    expect(csv.split('\r\n')).toHaveLength(1 + 300 + 1);
    expect(csv).toContain('skipped');

    // Running it again adds nothing and updates what changed.
    const again = await createImportRun(deps, connectionId, 'test');
    await stageImport(deps, again.id, world.client);
    const second = await repos.customerImports.listItems(again.id);
    expect(second.filter((i) => i.proposal === 'matched')).toHaveLength(295);
    const done = await applyImport(deps, again.id);
    expect(done.companiesCreated).toBe(0);
    const after = (await repos.companies.listSubtree((await repos.companies.get(ids.d))!.path)).filter((c) => c.kind === 'customer');
    expect(after).toHaveLength(customers.length);
  }, 240_000);

  it('shows a subscription changed and a customer added in the portal after one sync cycle', async () => {
    const first = await syncFromActivity(deps, connectionId, world.client, { firstStart: new Date() });
    expect(first.customersAdded + first.customersUpdated).toBe(0);
    const subs = await repos.customerImports.subscriptionsOf(connectionId);
    const target = subs.find((s) => s.quantity === 2)!;
    // The tenant's subscriptions tab was viewed before the change: its stored read must not outlive it.
    const storedReads = createTenantSubscriptionReadsRepo(db.db);
    await storedReads.put({ companyId: target.companyId, connectionId, tenantId: target.tenantId, subscriptions: [], licenses: null, licensesError: null, readAt: new Date() });
    await world.control.changeSubscriptionInPortal(target.tenantId, target.subscriptionId, { quantity: 11 });
    const added = await world.control.bulkAddCustomers({
      partner: 'distributor-latam',
      customers: [{ companyName: 'Added In Portal', domainPrefix: 'addedportal1', email: 'it@added.example', address, reseller: 'adatum', subscriptions: [{ catalogItemId: M365, quantity: 4, partnerOfRecord: world.adatum.partnerId }] }],
    });
    const cycle = await syncFromActivity(deps, connectionId, world.client);
    expect(cycle).toMatchObject({ customersAdded: 1, customersUpdated: 1, needsPerson: [] });
    const after = await repos.customerImports.subscriptionsOf(connectionId);
    expect(after.find((s) => s.subscriptionId === target.subscriptionId)?.quantity).toBe(11);
    expect(await storedReads.get(connectionId, target.tenantId)).toBeUndefined();
    const newSub = after.find((s) => s.tenantId === added.tenantIds[0]);
    expect(newSub?.quantity).toBe(4);
    const company = await repos.companies.get(newSub!.companyId);
    expect(company).toMatchObject({ name: 'Added In Portal', parentId: ids.adatum });
    // Each change raised its event in the transaction that stored it.
    const events = createEventsRepo(db.db);
    const changed = await events.list({ type: 'subscription.changed', companyId: target.companyId });
    expect(changed.map((e) => e.data)).toEqual([expect.objectContaining({ subscriptionId: target.subscriptionId, change: 'quantity', before: { quantity: 2 }, after: { quantity: 11 }, detectedBy: 'partner-center-sync' })]);
    expect((await events.list({ type: 'tenant.linked', companyId: company!.id })).map((e) => e.data)).toEqual([expect.objectContaining({ tenantId: added.tenantIds[0], resellerPartnerId: world.adatum.partnerId })]);
    expect(cycle.eventsPublished).toBe(2);
    // Nothing new since: the next cycle reads nothing and changes nothing.
    const idle = await syncFromActivity(deps, connectionId, world.client);
    expect(idle).toMatchObject({ recordsRead: 0, customersAdded: 0, customersUpdated: 0 });
  }, 120_000);

  it('a relationship removed, a GDAP relationship approved and one expired in Partner Center update the company and publish tenant.unlinked, gdap.active and gdap.expired', async () => {
    const events = createEventsRepo(db.db);
    await syncFromActivity(deps, connectionId, world.client);
    const [approved, expired, removed] = [world.tenantIds[2]!, world.tenantIds[4]!, world.tenantIds[6]!];
    const companyOf = async (tenantId: string) => (await repos.customerImports.subscriptionsOf(connectionId)).find((s) => s.tenantId === tenantId)!.companyId;
    const pending = async (tenantId: string) => {
      const rel = await world.client.createGdapRelationship({ displayName: `sync ${tenantId}`, customerTenantId: tenantId, roleIds: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'], durationDays: 90 });
      await world.client.requestGdapApproval(rel.id);
      for (let i = 0; i < 50 && (await world.client.getGdapRelationship(rel.id)).status !== 'approvalPending'; i++) await world.control.advanceClock({ seconds: 1 });
      return rel.id;
    };
    const toApprove = await pending(approved);
    const toExpire = await pending(expired);
    await world.control.approveGdap(toApprove);
    for (let i = 0; i < 50 && (await world.client.getGdapRelationship(toApprove)).status !== 'active'; i++) await world.control.advanceClock({ seconds: 60 });
    await world.control.expireGdap(toExpire);
    await world.control.removeCustomerRelationship(removed, 'distributor-latam');

    const cycle = await syncFromActivity(deps, connectionId, world.client);
    expect(cycle.customersUnlinked).toBe(1);
    const link = (await repos.customerImports.tenantLinks(connectionId)).find((l) => l.tenantId === removed);
    expect(await repos.syncOptions.get(link!.companyId, connectionId)).toMatchObject({ syncStatus: 'failed' });
    expect((await events.list({ type: 'tenant.unlinked', companyId: link!.companyId })).map((e) => e.data)).toEqual([expect.objectContaining({ tenantId: removed, reason: 'relationship_removed' })]);
    expect((await events.list({ type: 'gdap.active', companyId: await companyOf(approved) })).map((e) => e.data)).toEqual([expect.objectContaining({ relationshipId: toApprove, tenantId: approved })]);
    expect((await events.list({ type: 'gdap.expired', companyId: await companyOf(expired) })).map((e) => e.data)).toEqual([expect.objectContaining({ relationshipId: toExpire, tenantId: expired })]);
    expect((await repos.gdap.listRelationships(await companyOf(expired))).find((r) => r.relationshipId === toExpire)).toMatchObject({ status: 'expired' });
    // A second cycle finds nothing new and publishes nothing twice.
    const before = (await events.list()).length;
    await syncFromActivity(deps, connectionId, world.client);
    expect((await events.list()).length).toBe(before);
  }, 120_000);

  /** What one slot's sync run does for each connection (customer-sync.workflow.ts), without the runtime. */
  const syncAllConnections = async (holder = 'slot-run') => {
    const ports = customerSyncPorts(deps, async () => world.client);
    const states = [];
    for (const c of await ports.connections()) {
      states.push((await ports.syncActivity(c, holder)).state);
      await ports.release(c, holder);
    }
    return states;
  };

  it('the scheduled pass follows the connection after its import, and leaves it alone while a new import waits for review', async () => {
    const cursor = await repos.customerImports.getSyncCursor(connectionId);
    // The finished import counts as the full reconciliation, so the pass reads only the activity log.
    expect(cursor?.lastFullAt).toBeInstanceOf(Date);
    const [target] = (await repos.customerImports.subscriptionsOf(connectionId)).filter((s) => s.quantity === 2);
    await world.control.changeSubscriptionInPortal(target!.tenantId, target!.subscriptionId, { quantity: 21 });
    const pending = await createImportRun(deps, connectionId, 'test');
    await stageImport(deps, pending.id, world.client);
    expect(await syncAllConnections()).toEqual(['import-pending']);
    const quantity = async () => (await repos.customerImports.subscriptionsOf(connectionId)).find((s) => s.subscriptionId === target!.subscriptionId)?.quantity;
    expect(await quantity()).toBe(2);
    await applyImport(deps, pending.id);
    expect(await syncAllConnections()).toEqual(['synced']);
    expect(await quantity()).toBe(21);
  }, 120_000);

  it('one sync run holds a connection at a time: a run leaves a connection another run holds, and takes it once that claim ends', async () => {
    const [target] = (await repos.customerImports.subscriptionsOf(connectionId)).filter((s) => s.quantity === 21);
    await world.control.changeSubscriptionInPortal(target!.tenantId, target!.subscriptionId, { quantity: 22 });
    const quantity = async () => (await repos.customerImports.subscriptionsOf(connectionId)).find((s) => s.subscriptionId === target!.subscriptionId)?.quantity;
    // The previous slot's run (a full reconciliation outlasting the interval) holds the connection.
    const now = deps.now();
    expect(await repos.customerImports.claimSync(connectionId, 'other-process', now, new Date(now.getTime() + SYNC_LEASE_MS))).toBe(true);
    expect(await repos.customerImports.claimSync(connectionId, 'this-process', now, new Date(now.getTime() + SYNC_LEASE_MS))).toBe(false);
    expect(await syncAllConnections('this-process')).toEqual(['busy']);
    expect(await quantity()).toBe(21);
    // A run resumed after a crash takes its own claim again (its holder is its run id).
    expect(await customerSyncPorts(deps, async () => world.client).syncActivity(connectionId, 'other-process')).toMatchObject({ state: 'synced' });
    expect(await quantity()).toBe(22);
    // Its run ends (or its claim runs out): the next run syncs, publishes nothing twice, and lets go.
    await repos.customerImports.releaseSync(connectionId, 'other-process');
    expect(await syncAllConnections('this-process')).toEqual(['synced']);
    expect(await quantity()).toBe(22);
    const changed = (await createEventsRepo(db.db).list({ type: 'subscription.changed', companyId: target!.companyId })).filter((e) => (e.data as { after?: { quantity?: number } }).after?.quantity === 22);
    expect(changed).toHaveLength(1);
    expect(await repos.customerImports.claimSync(connectionId, 'other-process', now, new Date(now.getTime() + 1000))).toBe(true);
    // A claim left by a process that died expires.
    const later = new Date(now.getTime() + 2000);
    expect(await repos.customerImports.claimSync(connectionId, 'this-process', later, new Date(later.getTime() + 1000))).toBe(true);
    await repos.customerImports.releaseSync(connectionId, 'this-process');
  }, 120_000);

  it('writes the report for a spreadsheet: a customer name that looks like a formula is shown as text', async () => {
    await world.control.bulkAddCustomers({
      partner: 'distributor-latam',
      customers: [{ companyName: '=HYPERLINK("http://evil.example","Open")', domainPrefix: 'formulaname1', email: 'it@formula.example', address, reseller: 'adatum', subscriptions: [] }],
    });
    const run = await createImportRun(deps, connectionId, 'test');
    await stageImport(deps, run.id, world.client);
    const report = await importReportCsv(deps, run.id);
    expect(report).toContain(`"'=HYPERLINK(""http://evil.example"",""Open"")"`);
    expect(report).not.toMatch(/(^|,)=HYPERLINK/m);
  }, 120_000);
});
