import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from './database';
import type { SecretBox } from './secret-box';
import { companies, domainEvents, webhookDeliveries, webhookSubscriptions } from './schema/index';

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type DomainEvent = typeof domainEvents.$inferSelect;

/** A delivery the dispatcher sends now: the row, its event and its subscription's URL and secrets. */
export interface DueDelivery {
  delivery: WebhookDeliveryRow;
  event: DomainEvent;
  subscription: WebhookSubscriptionRow;
  secrets: string[];
}

/**
 * Webhook subscriptions and their deliveries (docs/WEBHOOKS.md). Secrets are sealed with the
 * secret box; `secretsOf` opens the current one and, during a rotation's overlap, the previous one.
 */
export function createWebhooksRepo(db: Database, box: SecretBox) {
  return {
    async createSubscription(s: { companyId: number; url: string; events: string[]; description: string; secret: string; now: Date }): Promise<WebhookSubscriptionRow> {
      const [row] = await db
        .insert(webhookSubscriptions)
        .values({ companyId: s.companyId, url: s.url, events: s.events, description: s.description, secretCiphertext: box.seal(s.secret), createdAt: s.now, updatedAt: s.now })
        .returning();
      return row!;
    },

    async getSubscription(id: string): Promise<WebhookSubscriptionRow | undefined> {
      const [row] = await db
        .select()
        .from(webhookSubscriptions)
        .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.deletedAt)));
      return row;
    },

    async listSubscriptions(companyId: number): Promise<WebhookSubscriptionRow[]> {
      return db
        .select()
        .from(webhookSubscriptions)
        .where(and(eq(webhookSubscriptions.companyId, companyId), isNull(webhookSubscriptions.deletedAt)))
        .orderBy(asc(webhookSubscriptions.createdAt));
    },

    async updateSubscription(
      id: string,
      patch: { url?: string; events?: string[]; description?: string; enabled?: boolean; disabledReason?: 'manual' | 'failing' | null },
      now: Date,
    ): Promise<WebhookSubscriptionRow> {
      const enabledFields =
        patch.enabled === undefined ? {} : patch.enabled ? { enabled: true, disabledAt: null, disabledReason: null } : { enabled: false, disabledAt: now, disabledReason: patch.disabledReason ?? 'manual' };
      const [row] = await db
        .update(webhookSubscriptions)
        .set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events: patch.events } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...enabledFields,
          updatedAt: now,
        })
        .where(eq(webhookSubscriptions.id, id))
        .returning();
      return row!;
    },

    /** Soft delete: its delivery log keeps pointing at it; nothing more is sent to it. */
    async deleteSubscription(id: string, now: Date): Promise<void> {
      await db.update(webhookSubscriptions).set({ deletedAt: now, enabled: false, updatedAt: now }).where(eq(webhookSubscriptions.id, id));
    },

    /** A new signing secret; the previous one keeps signing beside it until `overlapUntil`. */
    async rotateSecret(id: string, secret: string, overlapUntil: Date, now: Date): Promise<WebhookSubscriptionRow> {
      const current = await this.getSubscription(id);
      if (!current) throw new Error(`Webhook subscription ${id} does not exist.`);
      const [row] = await db
        .update(webhookSubscriptions)
        .set({ secretCiphertext: box.seal(secret), previousSecretCiphertext: current.secretCiphertext, previousSecretExpiresAt: overlapUntil, updatedAt: now })
        .where(eq(webhookSubscriptions.id, id))
        .returning();
      return row!;
    },

    secretsOf(s: WebhookSubscriptionRow, now: Date): string[] {
      const secrets = [box.open(s.secretCiphertext)];
      if (s.previousSecretCiphertext && s.previousSecretExpiresAt && s.previousSecretExpiresAt > now) secrets.push(box.open(s.previousSecretCiphertext));
      return secrets;
    },

    /**
     * Turns published events into deliveries, in one transaction per batch: each event goes to
     * every live subscription that asked for its type, was created before it happened and belongs
     * to the event's company or a company above it (a prefix match on the materialized path).
     * Events are locked `skip locked`, so two workers never fan out the same one. Returns how many
     * events were fanned out.
     */
    async fanOut(now: Date, limit = 100): Promise<number> {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const events = await tx.select().from(domainEvents).where(isNull(domainEvents.fannedOutAt)).orderBy(asc(domainEvents.occurredAt)).limit(limit).for('update', { skipLocked: true });
        if (events.length === 0) return 0;
        const subs = await tx
          .select({ sub: webhookSubscriptions, path: companies.path })
          .from(webhookSubscriptions)
          .innerJoin(companies, eq(companies.id, webhookSubscriptions.companyId))
          .where(and(eq(webhookSubscriptions.enabled, true), isNull(webhookSubscriptions.deletedAt)));
        const rows = events.flatMap((e) =>
          subs
            .filter(({ sub, path }) => e.companyPath.startsWith(path) && sub.events.includes(e.type) && sub.createdAt <= e.occurredAt)
            .map(({ sub }) => ({ subscriptionId: sub.id, eventId: e.id, status: 'pending' as const, nextAttemptAt: now, createdAt: now })),
        );
        if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows).onConflictDoNothing();
        await tx
          .update(domainEvents)
          .set({ fannedOutAt: now })
          .where(
            inArray(
              domainEvents.id,
              events.map((e) => e.id),
            ),
          );
        return events.length;
      });
    },

    /**
     * Claims up to `limit` deliveries that are due, leasing each until `leaseUntil` (its next
     * attempt time moves there): a worker that dies mid-send leaves the delivery to be sent again
     * with the same id once the lease ends. `skip locked` keeps two workers off the same row.
     */
    async claimDue(now: Date, leaseUntil: Date, limit = 20): Promise<DueDelivery[]> {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const due = await tx
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
          .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.createdAt))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        await tx
          .update(webhookDeliveries)
          .set({ nextAttemptAt: leaseUntil })
          .where(
            inArray(
              webhookDeliveries.id,
              due.map((d) => d.id),
            ),
          );
        const events = await tx
          .select()
          .from(domainEvents)
          .where(
            inArray(
              domainEvents.id,
              due.map((d) => d.eventId),
            ),
          );
        const subs = await tx
          .select()
          .from(webhookSubscriptions)
          .where(
            inArray(
              webhookSubscriptions.id,
              due.map((d) => d.subscriptionId),
            ),
          );
        return due.flatMap((delivery) => {
          const event = events.find((e) => e.id === delivery.eventId);
          const subscription = subs.find((s) => s.id === delivery.subscriptionId);
          if (!event || !subscription) return [];
          return [{ delivery, event, subscription, secrets: subscription.enabled && !subscription.deletedAt ? this.secretsOf(subscription, now) : [] }];
        });
      });
    },

    /** Records one attempt: `next` is when to try again (pending), or null to stop (succeeded or failed for good). */
    async recordAttempt(
      id: string,
      a: { ok: boolean; at: Date; responseCode: number | null; error: string | null; next: Date | null },
    ): Promise<WebhookDeliveryRow> {
      const [row] = await db
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastAttemptAt: a.at,
          lastResponseCode: a.responseCode,
          lastError: a.error,
          status: a.ok ? 'succeeded' : a.next ? 'pending' : 'failed',
          nextAttemptAt: a.ok ? null : a.next,
          ...(a.ok ? { succeededAt: a.at } : {}),
        })
        .where(eq(webhookDeliveries.id, id))
        .returning();
      return row!;
    },

    /** Parks a delivery of a disabled subscription: it stays pending, without a time, until redelivered. */
    async park(id: string): Promise<void> {
      await db.update(webhookDeliveries).set({ nextAttemptAt: null }).where(eq(webhookDeliveries.id, id));
    },

    async getDelivery(id: string): Promise<WebhookDeliveryRow | undefined> {
      return (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];
    },

    /** Sends the delivery again (same event id) as soon as the dispatcher looks; the attempt count goes on. */
    async redeliver(id: string, now: Date): Promise<WebhookDeliveryRow> {
      const [row] = await db.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: now }).where(eq(webhookDeliveries.id, id)).returning();
      return row!;
    },

    async listDeliveries(subscriptionId: string, limit = 100): Promise<(WebhookDeliveryRow & { eventType: string; occurredAt: Date })[]> {
      const rows = await db
        .select({ d: webhookDeliveries, eventType: domainEvents.type, occurredAt: domainEvents.occurredAt })
        .from(webhookDeliveries)
        .innerJoin(domainEvents, eq(domainEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(limit);
      return rows.map((r) => ({ ...r.d, eventType: r.eventType, occurredAt: r.occurredAt }));
    },
  };
}
export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
