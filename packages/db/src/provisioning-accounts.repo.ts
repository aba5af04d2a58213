import { and, eq } from 'drizzle-orm';
import { checkPrerequisites, type PrerequisitePolicy } from '@csphub/domain';
import type { Database } from './database';
import { accountSyncOptions, companies } from './schema/index';

type CompanyRow = typeof companies.$inferSelect;

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
  const upsert = (companyId: number, connectionId: string, fields: Partial<typeof accountSyncOptions.$inferInsert>) =>
    db
      .insert(accountSyncOptions)
      .values({ ...fields, companyId, connectionId, updatedAt: now() })
      .onConflictDoUpdate({ target: [accountSyncOptions.companyId, accountSyncOptions.connectionId], set: { ...fields, updatedAt: now() } });

  return {
    async loadProfile(companyId: number, _connectionId: string): Promise<ProvisioningProfileRow> {
      const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
      if (!company) throw new Error(`Company ${companyId} does not exist.`);
      const [parent] = company.parentId ? await db.select().from(companies).where(eq(companies.id, company.parentId)) : [];
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

    async setSyncStatus(s: { companyId: number; connectionId: string; status: 'not_synced' | 'in_progress' | 'synced' | 'failed'; reason?: string | null }): Promise<void> {
      await upsert(s.companyId, s.connectionId, { syncStatus: s.status, failureReason: s.reason ?? null, lastAttemptAt: now() });
    },

    /** Stores the tenant link and marks the account synced (in progress while an MCA acceptance is awaited); the same values twice are one row. */
    async storeTenantLink(l: { companyId: number; connectionId: string; tenantId: string; defaultDomain: string; resellerPartnerId: string | null; awaitingMca?: boolean }): Promise<void> {
      await upsert(l.companyId, l.connectionId, {
        tenantId: l.tenantId,
        defaultDomain: l.defaultDomain,
        resellerPartnerId: l.resellerPartnerId,
        syncStatus: l.awaitingMca ? 'in_progress' : 'synced',
        failureReason: null,
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
