import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * Existing-tenant authorizations: one row per account and connection waiting for
 * (or having received) the customer's acceptance of the reseller relationship. It records the
 * invitation link handed out, every "customer authorization request" sent (who, when, to whom),
 * the domain to verify, and how the acceptance was detected (button, webhook, background check).
 * The Pending authorizations page lists these rows; nothing here is a secret.
 */
export const tenantAuthorizations = pgTable(
  'tenant_authorizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    /** The reseller company selling (indirect); null for the distributor's direct customer. */
    resellerCompanyId: integer().references(() => companies.id),
    resellerPartnerId: text(),
    /** The reseller's tenant id, as Partner Center's network lists it (for matching acceptances). */
    resellerTenantId: text(),
    /** The invitation link from Partner Center (direct or indirect form). */
    invitationUrl: text().notNull(),
    /** The customer's default domain (onmicrosoft.com or custom), when known. */
    domain: text(),
    /** pending | accepted | cancelled */
    state: text().notNull().default('pending').$type<'pending' | 'accepted' | 'cancelled'>(),
    /** Who started it (user id and label), and who gets told when it is accepted. */
    requestedById: text(),
    requestedByLabel: text().notNull(),
    requestedByEmail: text(),
    /** The last authorization request e-mail: recipients and time; `sendCount` counts resends. */
    sentTo: jsonb().$type<string[]>().notNull().default([]),
    sentCc: jsonb().$type<string[]>().notNull().default([]),
    sentAt: timestamp({ withTimezone: true, mode: 'date' }),
    sendCount: integer().notNull().default(0),
    /** The verification outcome: the tenant found, and how acceptance was detected. */
    tenantId: text(),
    defaultDomain: text(),
    detectedBy: text().$type<'verify' | 'webhook' | 'background-check'>(),
    /** The last check's verdict (`not-accepted`, `other-partner`, `domain-unknown` ...) and time. */
    lastCheckResult: text(),
    lastCheckedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: 'date' }),
    cancelledAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('tenant_authorizations_company_idx').on(t.companyId, t.connectionId), index('tenant_authorizations_state_idx').on(t.state)],
);
