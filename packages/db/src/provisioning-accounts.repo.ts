import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { checkPrerequisites, type PrerequisitePolicy } from '@csphub/domain';
import type { Database } from './database';
import { publishEvent } from './events.repo';
import { accountSyncOptions, companies, domainEvents } from './schema/index';

type CompanyRow = typeof companies.$inferSelect;

const parentCompany = alias(companies, 'parent_company');

/** What the new-tenant run reads about an account (provisioning's `ProvisioningProfile`). */
export interface ProvisioningProfileRow {
  companyName: string;
  email: string;
  phone: string | null;
  culture: string;
  language: string;
  registrationNumber: string | null;
  billingAddress: {
    line1: string;
    line2?: string;
    city?: string;
    state?: string;
    postalCode?: string;
    country: string;
    firstName: string;
    lastName: string;
    phoneNumber?: string;
    email?: string;
  };
  prerequisites: { ready: boolean; problems: string[] };
}

const orUndef = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

function billingOf(c: CompanyRow) {
  return { line1: c.billingLine1, line2: c.billingLine2, city: c.billingCity, state: c.billingState, postalCode: c.billingPostalCode, country: c.billingCountry };
}

/** Splits "Ana María López" into a first and last name, as Microsoft's billing profile needs both. */
function splitName(full: string | null | undefined, fallback: string): { firstName: string; lastName: string } {
  const parts = (full ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length >= 2) return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') };
  if (parts.length === 1) return { firstName: parts[0]!, lastName: fallback };
  return { firstName: 'Billing', lastName: fallback };
}

/**
 * The accounts side of the new-tenant run (implements provisioning's `NewTenantAccounts`): reads a
 * company fresh (with its reseller for the billing-address fallback) and runs the domain's
 * prerequisite check on it; stores the sync status and the tenant link in `account_sync_options`.
 */
export function createProvisioningAccountsRepo(db: Database, opts: { policy: () => Promise<PrerequisitePolicy> | PrerequisitePolicy; now?: () => Date }) {
  const now = opts.now ?? (() => new Date());
  const upsertOn = (on: Database, companyId: number, connectionId: string, fields: Partial<typeof accountSyncOptions.$inferInsert>) =>
    on
      .insert(accountSyncOptions)
      .values({ ...fields, companyId, connectionId, updatedAt: now() })
      .onConflictDoUpdate({ target: [accountSyncOptions.companyId, accountSyncOptions.connectionId], set: { ...fields, updatedAt: now() } });

  return {
    async loadProfile(companyId: number, _connectionId: string): Promise<ProvisioningProfileRow> {
      // The company and its parent in one statement.
      const [found] = await db.select({ company: companies, parent: parentCompany }).from(companies).leftJoin(parentCompany, eq(parentCompany.id, companies.parentId)).where(eq(companies.id, companyId));
      if (!found) throw new Error(`Company ${companyId} does not exist.`);
      const { company, parent } = found;
      const reseller = parent && parent.kind === 'reseller' ? parent : undefined;
      const policy = await opts.policy();
      const verdict = checkPrerequisites(
        {
          kind: company.kind,
          email: company.email,
          phone: company.phone,
          registrationNumber: company.registrationNumber,
          billingAddress: billingOf(company),
          billingUsesResellerAddress: company.billingUsesResellerAddress,
        },
        reseller ? { name: reseller.name, billingAddress: billingOf(reseller), registrationNumber: reseller.registrationNumber } : null,
        policy,
      );
      const billingItem = verdict.items.find((i) => i.key === 'billingAddress');
      const source = billingItem?.source === 'reseller' && reseller ? reseller : company;
      const b = billingOf(source);
      const country = (orUndef(b.country) ?? orUndef(company.country) ?? 'US').toUpperCase();
      const language = (company.language || 'en').toLowerCase();
      const address: ProvisioningProfileRow['billingAddress'] = {
        line1: orUndef(b.line1) ?? '',
        country,
        ...splitName(company.contactPerson, company.name),
      };
      for (const [k, v] of [
        ['line2', b.line2],
        ['city', b.city],
        ['state', b.state],
        ['postalCode', b.postalCode],
        ['phoneNumber', company.phone],
        ['email', company.email],
      ] as const) {
        const value = orUndef(v);
        if (value) address[k] = value;
      }
      return {
        companyName: company.name,
        email: company.email ?? '',
        phone: company.phone,
        culture: language.includes('-') ? language : `${language}-${country}`,
        language,
        registrationNumber: orUndef(source.registrationNumber) ?? null,
        billingAddress: address,
        prerequisites: {
          ready: verdict.ready,
          problems: verdict.items.filter((i) => !i.ok).flatMap((i) => i.problems.map((p) => `${p.field}: ${p.code}`)),
        },
      };
    },

    /**
     * Sets the sync status; in the same transaction publishes what the change means: `synced` with
     * a tenant after an awaited MCA is `mca.accepted` then `tenant.ready`; `failed` (or `not_synced`
     * with a reason) is `tenant.provisioning_failed`, once per distinct failure.
     */
    async setSyncStatus(s: { companyId: number; connectionId: string; status: 'not_synced' | 'in_progress' | 'synced' | 'failed'; reason?: string | null }): Promise<void> {
      await db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const at = now();
        const [prev] = await tx
          .select()
          .from(accountSyncOptions)
          .where(and(eq(accountSyncOptions.companyId, s.companyId), eq(accountSyncOptions.connectionId, s.connectionId)))
          .for('update');
        await upsertOn(tx, s.companyId, s.connectionId, { syncStatus: s.status, failureReason: s.reason ?? null, lastAttemptAt: at });
        const failed = s.status === 'failed' || (s.status === 'not_synced' && !!s.reason);
        if (failed && (prev?.syncStatus !== s.status || prev?.failureReason !== (s.reason ?? null))) {
          await publishEvent(tx, {
            type: 'tenant.provisioning_failed',
            companyId: s.companyId,
            at,
            data: { connectionId: s.connectionId, tenantCreated: !!prev?.tenantId, reason: s.reason ?? 'unknown' },
          });
        }
        if (s.status === 'synced' && prev?.tenantId && prev.defaultDomain) {
          const tenant = { connectionId: s.connectionId, tenantId: prev.tenantId, defaultDomain: prev.defaultDomain };
          const [missing] = await tx
            .select({ id: domainEvents.id })
            .from(domainEvents)
            .where(eq(domainEvents.dedupeKey, `mca.missing:${s.companyId}:${s.connectionId}:${prev.tenantId}`));
          if (missing) {
            await publishEvent(tx, { type: 'mca.accepted', companyId: s.companyId, at, data: tenant, dedupeKey: `mca.accepted:${s.companyId}:${s.connectionId}:${prev.tenantId}` });
          }
          await publishEvent(tx, {
            type: 'tenant.ready',
            companyId: s.companyId,
            at,
            data: { ...tenant, resellerPartnerId: prev.resellerPartnerId, mca: missing ? 'accepted' : 'attested', gdap: prev.gdapSetup ?? 'unknown' },
            dedupeKey: `tenant.ready:${s.companyId}:${s.connectionId}:${prev.tenantId}`,
          });
        }
      });
    },

    /**
     * Stores the tenant link and marks the account synced (in progress while an MCA acceptance is
     * awaited); the same values twice are one row. In the same transaction it publishes
     * `tenant.ready` (a new tenant, synced), `mca.missing` (awaiting the MCA) or `tenant.linked`
     * (`event: 'tenant.linked'`, the existing-tenant run), each once per tenant.
     */
    async storeTenantLink(
      l: { companyId: number; connectionId: string; tenantId: string; defaultDomain: string; resellerPartnerId: string | null; awaitingMca?: boolean; gdap?: 'default' | 'requested' },
      opts: { event?: 'tenant.ready' | 'tenant.linked' } = {},
    ): Promise<void> {
      await db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const at = now();
        await upsertOn(tx, l.companyId, l.connectionId, {
          tenantId: l.tenantId,
          defaultDomain: l.defaultDomain,
          resellerPartnerId: l.resellerPartnerId,
          syncStatus: l.awaitingMca ? 'in_progress' : 'synced',
          failureReason: null,
          ...(l.gdap ? { gdapSetup: l.gdap } : {}),
        });
        const tenant = { connectionId: l.connectionId, tenantId: l.tenantId, defaultDomain: l.defaultDomain };
        const suffix = `${l.companyId}:${l.connectionId}:${l.tenantId}`;
        if (opts.event === 'tenant.linked') {
          await publishEvent(tx, { type: 'tenant.linked', companyId: l.companyId, at, data: { ...tenant, resellerPartnerId: l.resellerPartnerId }, dedupeKey: `tenant.linked:${suffix}` });
        } else if (l.awaitingMca) {
          await publishEvent(tx, { type: 'mca.missing', companyId: l.companyId, at, data: tenant, dedupeKey: `mca.missing:${suffix}` });
        } else {
          await publishEvent(tx, {
            type: 'tenant.ready',
            companyId: l.companyId,
            at,
            data: { ...tenant, resellerPartnerId: l.resellerPartnerId, mca: 'attested', gdap: l.gdap ?? 'unknown' },
            dedupeKey: `tenant.ready:${suffix}`,
          });
        }
      });
    },

    async getSync(companyId: number, connectionId: string) {
      const [row] = await db
        .select()
        .from(accountSyncOptions)
        .where(and(eq(accountSyncOptions.companyId, companyId), eq(accountSyncOptions.connectionId, connectionId)));
      return row;
    },
  };
}
export type ProvisioningAccountsRepo = ReturnType<typeof createProvisioningAccountsRepo>;
