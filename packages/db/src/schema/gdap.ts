import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies } from './companies';
import { connections } from './connections';

/** One role of a template: the Entra role template id and the name the catalogue gave it. */
export interface GdapTemplateRoleRow {
  id: string;
  name: string;
}
/** A partner security group and the template roles it is assigned (one access assignment). */
export interface GdapTemplateGroupRow {
  groupId: string;
  name: string;
  roleIds: string[];
}

/**
 * GDAP role templates, per connection: a name has versions 1, 2, ...; a version is never
 * changed once written (a change is a new version), so a relationship says which version it was
 * requested from. One version per connection is the default (the wizard's and onboarding's).
 */
export const gdapTemplates = pgTable(
  'gdap_templates',
  {
    id: serial().primaryKey(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    name: text().notNull(),
    version: integer().notNull(),
    roles: jsonb().notNull().$type<GdapTemplateRoleRow[]>(),
    durationDays: integer().notNull(),
    autoExtend: boolean().notNull(),
    securityGroups: jsonb().notNull().$type<GdapTemplateGroupRow[]>(),
    isDefault: boolean().notNull().default(false),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('gdap_templates_name_version_uq').on(t.connectionId, t.name, t.version),
    uniqueIndex('gdap_templates_one_default_uq').on(t.connectionId).where(sql`${t.isDefault}`),
  ],
);

/** An access assignment of a relationship as last seen (Graph "delegatedAdminAccessAssignment"). */
export interface GdapAccessAssignmentRow {
  id: string;
  securityGroupId: string;
  roleIds: string[];
  status: string;
}

/**
 * A company's GDAP relationships as CSP Hub last saw them at Graph (docs/PARTNER-CENTER-REFERENCE.md
 * §12), the one store of GDAP: written by the runs that request them, the scheduled check, the
 * cockpit's read of every relationship of a connection ("Read GDAP from Microsoft", which adds the
 * relationships of a linked tenant CSP Hub did not ask for) and the bulk fixes; the company page and
 * the cockpit read them here, never Graph while a page loads.
 */
export const gdapRelationships = pgTable(
  'gdap_relationships',
  {
    id: serial().primaryKey(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    /** Graph's relationship id; null until the run created it. */
    relationshipId: text(),
    displayName: text().notNull(),
    customerTenantId: text().notNull(),
    /** The customer's name as Graph gives it (null until read from Graph). */
    customerName: text(),
    templateId: integer().references(() => gdapTemplates.id),
    /** Graph's status (created, approvalPending, active, expiring, expired, terminated, ...). */
    status: text().notNull(),
    roles: jsonb().notNull().$type<GdapTemplateRoleRow[]>(),
    durationDays: integer().notNull(),
    autoExtend: boolean().notNull(),
    approvalUrl: text(),
    accessAssignments: jsonb().notNull().$type<GdapAccessAssignmentRow[]>().default([]),
    /**
     * Kept by PostgreSQL from `roles` and `accessAssignments` for the cockpit, which counts them over
     * every relationship of a subtree: Global Administrator among the roles (any case), and the
     * access assignments not being deleted.
     */
    // 62e90394-…: Global Administrator's role template id (GLOBAL_ADMINISTRATOR_ROLE_ID in packages/domain).
    hasGlobalAdmin: boolean().generatedAlwaysAs(sql`jsonb_path_exists(roles, '$[*].id ? (@ like_regex "^62e90394-69f5-4237-9190-012177145e10$" flag "i")')`),
    liveAccessAssignments: integer().generatedAlwaysAs(
      sql`jsonb_array_length(access_assignments) - jsonb_array_length(jsonb_path_query_array(access_assignments, '$[*] ? (@.status == "deleted" || @.status == "deleting")'))`,
    ),
    /** The durable run that asked for it, if CSP Hub did. */
    runId: text(),
    /** Expiry notices sent (days before the end: 30, 7, 1). */
    noticesSent: jsonb().notNull().$type<number[]>().default([]),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    activatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    endsAt: timestamp({ withTimezone: true, mode: 'date' }),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When the row was last read from Graph (null: only what CSP Hub asked for is known). */
    syncedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('gdap_relationships_name_uq').on(t.connectionId, t.displayName),
    unique('gdap_relationships_graph_uq').on(t.connectionId, t.relationshipId),
    index('gdap_relationships_company_idx').on(t.companyId),
    index('gdap_relationships_status_ends_idx').on(t.status, t.endsAt),
  ],
);
