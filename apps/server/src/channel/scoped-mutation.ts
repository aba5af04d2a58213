import type { Context } from 'hono';
import type { Permission } from '@csphub/domain';
import type { AuditEntry, Repos } from '@csphub/db';
import type { AppEnv } from '../http/app-env';
import type { Principal } from '../auth/principal';
import { requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { inTransaction, type ServerDeps } from '../app/server-deps';

/** An audit entry as a route writes it: the actor, request id and time are filled in. */
type AuditFields = Omit<AuditEntry, 'actor' | 'requestId' | 'at'>;

/** What a scoped change works with, all bound to its one transaction. */
export interface ScopedWork<S> {
  repos: Repos;
  principal: Principal;
  /** The request's time, read once: the change and its audit entry carry the same instant. */
  now: Date;
  /** What `scope` loaded. */
  scoped: S;
  /** Appends the audit entry for this request, stamped with `now`, in the same transaction. */
  audit: (entry: AuditFields) => Promise<void>;
}

/** A change to something the caller must be able to see and be allowed to change. */
export interface ScopedMutation<S, T> {
  /**
   * Loads what the route acts on, or throws 404 NOT_FOUND when it is outside the caller's subtree
   * (`companyInScope`). It runs before the permission check, so that a caller who may not act
   * still cannot tell a hidden resource from a missing one.
   */
  scope: (repos: Repos, principal: Principal) => Promise<S>;
  permission: Permission;
  /** What the permission allows, worded to complete "Your role … may not …" in the 403 answer. */
  what: string;
  /** The change itself, with its business checks and its audit entry. */
  run: (work: ScopedWork<S>) => Promise<T>;
}

/**
 * The shared shape of the channel routes' changes: in one transaction, scope check (404), then
 * permission check (403), then the change with its audit entry, committed together or not at all.
 * Work that needs no transaction (validating the body, hashing a password) stays before the call.
 */
export function scopedMutation<S, T>(deps: ServerDeps, c: Context<AppEnv>, mutation: ScopedMutation<S, T>): Promise<T> {
  const principal = c.var.principal;
  const now = deps.clock.now();
  return inTransaction(deps, async (repos) => {
    const scoped = await mutation.scope(repos, principal);
    requirePermission(principal, mutation.permission, mutation.what);
    const audit = (entry: AuditFields) => writeAudit(c, repos, { ...entry, at: now });
    return mutation.run({ repos, principal, now, scoped, audit });
  });
}
