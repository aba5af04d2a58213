import type { Context } from 'hono';
import type { AuditEntry, Repos } from '@csphub/db';
import type { AppEnv } from '../http/app-env';
import { actorOf } from '../auth/principal';

/**
 * Appends an audit entry for the current request: the actor comes from the principal and the
 * request id from the context; before/after are masked by the repository. Call it with the same
 * transaction's repos as the change it records.
 */
export async function writeAudit(
  c: Context<AppEnv>,
  repos: Repos,
  entry: Omit<AuditEntry, 'actor' | 'requestId' | 'at'> & { at: Date },
): Promise<void> {
  await repos.auditLog.append({ ...entry, actor: actorOf(c.var.principal), requestId: c.var.requestId });
}
