import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * Partner Center connections of the distributor: one per Partner Center account or
 * region. `appSecretEnc` and `refreshTokenEnc` are AES-256-GCM ciphertexts (see secret-box.ts);
 * the plain values never leave the server's memory.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    /** ISO country or region code the account serves. */
    region: text().notNull(),
    type: text().notNull().$type<'direct-bill' | 'indirect-provider'>(),
    /** `emulated` talks to the embedded emulator, `live` to Microsoft. */
    mode: text().notNull().$type<'emulated' | 'live'>(),
    tenantId: text().notNull(),
    appId: text().notNull(),
    appSecretEnc: text(),
    refreshTokenEnc: text(),
    /** When a partner user last signed in (consent) to produce the stored refresh token. */
    refreshTokenConsentedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /**
     * When the stored refresh token was issued (consent or rotation on use): Entra ends a refresh
     * token after 90 days without use (https://learn.microsoft.com/entra/identity-platform/refresh-tokens).
     */
    refreshTokenIssuedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastTestAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastTestResult: jsonb(),
    /**
     * The current Microsoft Customer Agreement version Partner Center lists for this connection (the
     * template with the highest `versionRank`, docs/PARTNER-CENTER-REFERENCE.md §5.1) and when it was
     * last read; null until read.
     */
    mcaTemplateId: text(),
    mcaVersionRank: integer(),
    mcaCheckedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [unique('connections_owner_name_uq').on(t.ownerCompanyId, t.name)],
);
