/**
 * The local mail outbox as a port: the notifications package's outbox transport writes through it,
 * the database (@csphub/db, `createOutboxRepo`) implements it. Declared here, once.
 */

/** A message as the outbox stores it; `secrets` are sealed, never written in clear. */
export interface OutboxMessageInput {
  dedupeKey: string;
  template: string;
  language: string;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  /** Bodies rendered with every secret masked. */
  text: string;
  html: string;
  subjectId?: string | null;
  /** Secret merge fields (e.g. the one-time password), readable once through `revealSecrets`. */
  secrets?: Record<string, string>;
}

/** Stores the masked message with its secrets sealed, once per dedupe key. */
export interface OutboxStore {
  deliver(m: OutboxMessageInput): Promise<{ id: number; created: boolean }>;
}
