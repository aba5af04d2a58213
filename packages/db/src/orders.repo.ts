import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Database } from './database';
import { publishEvent } from './events.repo';
import { jsonRowsRead } from './json-rows';
import { orders, type FrozenLinePrice, type OrderLineJson } from './schema/orders';

/** The orders tab's read: whole rows, as one JSON text (src/json-rows.ts; an order's lines are JSON). */
const listAsJson = jsonRowsRead(getTableColumns(orders), [{ key: 'createdAt', desc: true }]);

export type { FrozenLinePrice, OrderLineJson };

export type OrderRow = typeof orders.$inferSelect;
export type OrderStatusValue = OrderRow['status'];

/** A new order, as the API submits it. */
export interface NewOrder {
  id: string;
  companyId: number;
  connectionId: string;
  customerTenantId: string;
  reference: string;
  idempotencyKey?: string | null;
  lines: OrderLineJson[];
  createdBy: string;
  at: Date;
}

/** A transition written by the place-order workflow. */
export interface OrderProgressPatch {
  status: OrderStatusValue;
  cartId?: string;
  microsoftOrderIds?: string[];
  subscriptionIds?: string[];
  errorCode?: string | null;
  errorMessage?: string | null;
  at: Date;
}

/** Orders placed through CSP Hub; satisfies the workflow's `OrderRecords` port. */
export function createOrdersRepo(db: Database) {
  return {
    /**
     * Inserts the order, or returns the existing one with the same idempotency key for the company
     * (a repeated submission must not order twice). `created` says which happened.
     */
    async create(order: NewOrder): Promise<{ row: OrderRow; created: boolean }> {
      if (order.idempotencyKey) {
        const existing = await db
          .select()
          .from(orders)
          .where(and(eq(orders.companyId, order.companyId), eq(orders.idempotencyKey, order.idempotencyKey)));
        if (existing[0]) return { row: existing[0], created: false };
      }
      const inserted = await db
        .insert(orders)
        .values({
          id: order.id,
          companyId: order.companyId,
          connectionId: order.connectionId,
          customerTenantId: order.customerTenantId,
          reference: order.reference,
          idempotencyKey: order.idempotencyKey ?? null,
          status: 'submitted',
          lines: order.lines,
          createdBy: order.createdBy,
          createdAt: order.at,
          updatedAt: order.at,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted[0]) return { row: inserted[0], created: true };
      // Lost a race with the same key: the other insert wins.
      const again = await db
        .select()
        .from(orders)
        .where(and(eq(orders.companyId, order.companyId), eq(orders.idempotencyKey, order.idempotencyKey ?? '')));
      return { row: again[0]!, created: false };
    },

    /** The order a company submitted with this idempotency key, if any. */
    async findByIdempotencyKey(companyId: number, key: string): Promise<OrderRow | undefined> {
      return (await db.select().from(orders).where(and(eq(orders.companyId, companyId), eq(orders.idempotencyKey, key))))[0];
    },

    async get(id: string): Promise<OrderRow | undefined> {
      return (await db.select().from(orders).where(eq(orders.id, id)))[0];
    },

    /** A company's orders, newest first. */
    async listForCompany(companyId: number, limit = 100): Promise<OrderRow[]> {
      return listAsJson(db, sql`from ${orders} where ${orders.companyId} = ${companyId}`, limit);
    },

    /** Orders still moving (for the UI's polling and restarts). */
    async listOpen(companyIds: number[]): Promise<OrderRow[]> {
      if (companyIds.length === 0) return [];
      return db
        .select()
        .from(orders)
        .where(and(inArray(orders.companyId, companyIds), inArray(orders.status, ['submitted', 'in_progress'])));
    },

    /** The workflow's write (the `OrderRecords` port). Fields left out keep their value. */
    /**
     * Moves the order along; in the same transaction, the move to `fulfilled` publishes
     * `order.fulfilled` and the move to `failed` or `needs_attention` publishes `order.failed`
     * (each once per order and status).
     */
    async saveProgress(id: string, p: OrderProgressPatch): Promise<void> {
      await db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const [updated] = await tx
          .update(orders)
          .set({
            status: p.status,
            updatedAt: p.at,
            ...(p.cartId !== undefined ? { cartId: p.cartId } : {}),
            ...(p.microsoftOrderIds !== undefined ? { microsoftOrderIds: p.microsoftOrderIds } : {}),
            ...(p.subscriptionIds !== undefined ? { subscriptionIds: p.subscriptionIds } : {}),
            ...(p.errorCode !== undefined ? { errorCode: p.errorCode } : {}),
            ...(p.errorMessage !== undefined ? { errorMessage: p.errorMessage } : {}),
          })
          .where(eq(orders.id, id))
          .returning();
        if (!updated) return;
        const order = {
          orderId: updated.id,
          reference: updated.reference,
          customerTenantId: updated.customerTenantId,
          lines: updated.lines.map((l) => ({ productTitle: l.productTitle, skuTitle: l.skuTitle, quantity: l.quantity })),
        };
        if (updated.status === 'fulfilled') {
          await publishEvent(tx, {
            type: 'order.fulfilled',
            companyId: updated.companyId,
            at: p.at,
            data: { ...order, microsoftOrderIds: updated.microsoftOrderIds, subscriptionIds: updated.subscriptionIds },
            dedupeKey: `order.fulfilled:${updated.id}`,
          });
        } else if (updated.status === 'failed' || updated.status === 'needs_attention') {
          await publishEvent(tx, {
            type: 'order.failed',
            companyId: updated.companyId,
            at: p.at,
            data: { ...order, status: updated.status, errorCode: updated.errorCode, errorMessage: updated.errorMessage },
            dedupeKey: `order.failed:${updated.id}:${updated.status}`,
          });
        }
      });
    },
  };
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
