import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Every company of the channel: the distributor (root), resellers and end customers. The numeric
 * id is what people quote ("Customer (100017)"); `path` is the materialized path of ids
 * (`/100001/100002/100017/`) so that subtree checks are a prefix match. Companies are deactivated,
 * never deleted: tenants, orders and the audit log keep pointing at them.
 */
export const companies = pgTable(
  'companies',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity({ startWith: 100001 }),
    kind: text().notNull().$type<'distributor' | 'reseller' | 'customer'>(),
    parentId: integer().references((): AnyPgColumn => companies.id),
    path: text().notNull().unique(),
    name: text().notNull(),
    domain: text(),
    /** VAT or company registration id; Microsoft requires it in some countries. */
    registrationNumber: text(),
    /** A reseller's Microsoft Partner ID (formerly MPN ID): its global ID (PGA) or, for older rows, the only one on file. */
    partnerId: text(),
    /**
     * A reseller's Partner Location ID (PLA): what orders name as partner of record
     * (docs/PARTNER-CENTER-REFERENCE.md §7.1). Set by the distributor.
     */
    partnerLocationId: text(),
    /** Microsoft's last verdict on the PLA as partner of record; null until first checked. */
    porStatus: text().$type<'eligible' | 'ineligible'>(),
    porCheckedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** Microsoft's code and description when ineligible (validateresellers). */
    porErrorCode: integer(),
    porErrorDescription: text(),
    status: text().notNull().default('active').$type<'active' | 'inactive'>(),
    addressLine1: text(),
    addressLine2: text(),
    city: text(),
    state: text(),
    postalCode: text(),
    country: text(),
    email: text(),
    phone: text(),
    contactPerson: text(),
    technicalContact: text(),
    language: text().notNull().default('en'),
    salesManager: text(),
    marketplace: text(),
    billingLine1: text(),
    billingLine2: text(),
    billingCity: text(),
    billingState: text(),
    billingPostalCode: text(),
    billingCountry: text(),
    billingUsesResellerAddress: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deactivatedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('companies_path_prefix_idx').on(sql`${t.path} text_pattern_ops`),
    index('companies_parent_idx').on(t.parentId),
    // Search and pickers list by name (`order by lower(name), id limit n`): read in order, stop early.
    // Searches by part of a name or domain read the stored column `search_text` (lower-cased name and domain), added
    // outside this schema by migration companies_search_text, with its trigram index where pg_trgm exists.
    index('companies_name_lower_idx').on(sql`lower(${t.name})`, t.id),
    // The sync matches a changed customer by its domains without reading the whole subtree.
    index('companies_domain_lower_idx').on(sql`lower(${t.domain})`),
  ],
);
