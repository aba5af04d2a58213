import type { Context } from 'hono';
import { AppError, isWithinPath, type Permission } from '@csphub/domain';
import type { ConnectionSummary, Repos } from '@csphub/db';
import type { AppEnv } from '../http/app-env';
import type { Principal } from '../auth/principal';
import { requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import type { toClientConnection } from '../partner-center/connection-tester';
import { inTransaction, reposOf, type ServerDeps } from '../app/server-deps';

/**
 * A connection the caller may see, or 404: connections belong to the distributor, so nobody below
 * it learns that one exists.
 */
export async function connectionInScope(repos: Repos, p: Principal, id: string): Promise<ConnectionSummary> {
  const conn = await repos.connections.get(id);
  const owner = conn && (await repos.companies.get(conn.ownerCompanyId));
  if (!conn || !owner || !isWithinPath(owner.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${id} among those you can see.`);
  return conn;
}

/** The distributor company (connections' owner); only distributor staff get here. */
export async function distributorOf(repos: Repos, p: Principal) {
  const root = await repos.companies.root();
  if (!root || !isWithinPath(root.path, p.company.path)) throw new AppError('FORBIDDEN', "Partner Center connections are the distributor's; your role cannot see them.");
  return root;
}

/** A connection the caller may see and use for `permission`, with its credentials. */
export async function connectionForUse(deps: ServerDeps, p: Principal, id: string, permission: Permission, what: string) {
  const repos = reposOf(deps);
  const conn = await connectionInScope(repos, p, id);
  requirePermission(p, permission, what);
  const creds = (await repos.connections.readCredentials(conn.id))!;
  return { repos, conn, creds };
}

/** Tests a connection as given and records the result with its audit entry in one transaction. */
export async function testAndRecord(deps: ServerDeps, c: Context<AppEnv>, conn: ConnectionSummary, client: ReturnType<typeof toClientConnection>, now: Date, occasion: string) {
  const result = await deps.connectionTester.test(client, now);
  await inTransaction(deps, async (tx) => {
    await tx.connections.recordTest(conn.id, now, result);
    await writeAudit(c, tx, {
      at: now,
      companyId: conn.ownerCompanyId,
      action: 'connection.tested',
      targetType: 'connection',
      targetId: conn.id,
      summary: `Tested connection "${conn.name}"${occasion}: ${result.ok ? 'everything works' : 'problems found'}`,
      after: result,
    });
  });
  return result;
}
