import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * The event outbox (docs/WEBHOOKS.md): one row per published event, written in the same transaction
 * as the change that caused it. `id` is the event's stable id (the `webhook-id` of every delivery of
 * it); `companyPath` is the subject company's path when it happened, so that fan-out picks the
 * subscriptions of that company's distributor and resellers by a prefix match. `dedupeKey` makes a
 * replayed change publish one event. `fannedOutAt` is set once deliveries exist for it.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    version: integer().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    companyPath: text().notNull(),
    data: jsonb().notNull().$type<Record<string, unknown>>(),
    dedupeKey: text().unique(),
    occurredAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    fannedOutAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('domain_events_pending_idx').on(t.fannedOutAt, t.occurredAt), index('domain_events_company_idx').on(t.companyId)],
);

/**
 * A webhook subscription of a distributor or a reseller (`companyId`): where to send which events.
 * The signing secret is sealed at rest; after a rotation the previous one keeps signing beside the
 * new one until `previousSecretExpiresAt`. `disabledAt` is set by a person or, after deliveries kept
 * failing past the retry schedule, by the dispatcher (`disabledReason: 'failing'`).
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    url: text().notNull(),
    description: text().notNull().default(''),
    events: jsonb().notNull().$type<string[]>(),
    secretCiphertext: text().notNull(),
    previousSecretCiphertext: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    enabled: boolean().notNull().default(true),
    disabledAt: timestamp({ withTimezone: true, mode: 'date' }),
    disabledReason: text().$type<'manual' | 'failing'>(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    deletedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('webhook_subscriptions_company_idx').on(t.companyId)],
);

/**
 * One event to one subscription: pending until the receiver answers 2xx (succeeded) or the retry
 * schedule runs out (failed). `nextAttemptAt` drives the dispatcher; a manual redelivery sets the row
 * pending again with the same event id.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventId: text()
      .notNull()
      .references(() => domainEvents.id),
    status: text().notNull().$type<'pending' | 'succeeded' | 'failed'>(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastAttemptAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastResponseCode: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    succeededAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_subscription_event_uq').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);
