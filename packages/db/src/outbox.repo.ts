import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { OutboxMessageInput } from '@csphub/domain';
import type { Database } from './database';
import { outboxMessages } from './schema/index';
import type { SecretBox } from './secret-box';

export type { OutboxMessageInput };
export type OutboxMessageRow = typeof outboxMessages.$inferSelect;


/** A stored message as the API lists it: no ciphertext, only whether a secret is still waiting. */
export type OutboxMessageView = Omit<OutboxMessageRow, 'secretCiphertext'> & { hasSecret: boolean };

function view(row: OutboxMessageRow): OutboxMessageView {
  const { secretCiphertext, ...rest } = row;
  return { ...rest, hasSecret: secretCiphertext !== null };
}

/**
 * The local outbox (implements the notifications package's `OutboxStore` port). Delivery is
 * idempotent on `dedupeKey`, so a workflow step retried after a crash stores one message.
 */
export function createOutboxRepo(db: Database, box: SecretBox) {
  return {
    /** Stores the message unless one with the same key exists; returns its id and whether it was new. */
    async deliver(m: OutboxMessageInput): Promise<{ id: number; created: boolean }> {
      const secretCiphertext = m.secrets && Object.keys(m.secrets).length > 0 ? box.seal(JSON.stringify(m.secrets)) : null;
      const inserted = await db
        .insert(outboxMessages)
        .values({
          dedupeKey: m.dedupeKey,
          template: m.template,
          language: m.language,
          from: m.from,
          to: m.to,
          cc: m.cc ?? [],
          subject: m.subject,
          text: m.text,
          html: m.html,
          subjectId: m.subjectId ?? null,
          secretCiphertext,
        })
        .onConflictDoNothing({ target: outboxMessages.dedupeKey })
        .returning({ id: outboxMessages.id });
      if (inserted[0]) return { id: inserted[0].id, created: true };
      const [existing] = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.dedupeKey, m.dedupeKey));
      return { id: existing!.id, created: false };
    },

    async list(filter: { subjectId?: string; limit?: number } = {}): Promise<OutboxMessageView[]> {
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(filter.subjectId ? eq(outboxMessages.subjectId, filter.subjectId) : undefined)
        .orderBy(desc(outboxMessages.id))
        .limit(filter.limit ?? 100);
      return rows.map(view);
    },

    async get(id: number): Promise<OutboxMessageView | undefined> {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row ? view(row) : undefined;
    },

    /**
     * Returns the message's secrets once and wipes them (shown at most once). A second
     * call, or a call on a message without secrets, returns undefined.
     */
    async revealSecrets(id: number, at: Date = new Date()): Promise<Record<string, string> | undefined> {
      const [row] = await db
        .select({ ciphertext: outboxMessages.secretCiphertext })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.id, id), isNotNull(outboxMessages.secretCiphertext)));
      if (!row?.ciphertext) return undefined;
      // Compare-and-wipe: of two concurrent readers only the one whose update hits the row gets it.
      const wiped = await db
        .update(outboxMessages)
        .set({ secretCiphertext: null, secretRevealedAt: at })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.secretCiphertext, row.ciphertext)))
        .returning({ id: outboxMessages.id });
      if (wiped.length === 0) return undefined;
      return JSON.parse(box.open(row.ciphertext)) as Record<string, string>;
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
