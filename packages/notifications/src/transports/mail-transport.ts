import type { RenderedMessage } from '../render-template';

/** A message ready to leave: who, and what was rendered. */
export interface OutgoingMessage {
  /** Idempotency key (e.g. `<runId>:welcome`): delivering twice with one key sends once where the transport can tell. */
  dedupeKey: string;
  from: string;
  to: string[];
  cc?: string[];
  /** The account the message is about (scopes who may read it in the outbox). */
  subjectId?: string | null;
  rendered: RenderedMessage;
}

/** The port every delivery channel implements (SMTP, the local outbox). */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  deliver(message: OutgoingMessage): Promise<{ id: string }>;
}
