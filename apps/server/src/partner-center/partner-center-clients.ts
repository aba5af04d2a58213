import { createPartnerCenterClient, type LimiterRegistry, type PartnerCenterClient } from '@csphub/partner-center';
import { AppError } from '@csphub/domain';
import type { ConnectionSummary, Repos } from '@csphub/db';
import { toClientConnection } from './connection-tester';

/** Builds (and caches) the Partner Center client of a stored connection. */
export interface PartnerCenterClients {
  forConnection(connectionId: string): Promise<{ client: PartnerCenterClient; connection: ConnectionSummary }>;
}

/**
 * One client per connection and process, rebuilt when the connection is edited (its `updatedAt`
 * moves), all sharing one limiter registry so that Microsoft's per-partner limits hold across the
 * wizard, the runs and the background checks. A rotated refresh token is stored back, sealed.
 */
export function createPartnerCenterClients(opts: { repos: () => Repos; emulatorUrl: string; limiters: LimiterRegistry; now: () => Date }): PartnerCenterClients {
  const { limiters } = opts;
  const cache = new Map<string, { stamp: number; client: PartnerCenterClient }>();
  return {
    async forConnection(connectionId) {
      const repos = opts.repos();
      const connection = await repos.connections.get(connectionId);
      if (!connection) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId}.`);
      const stamp = connection.updatedAt.getTime();
      const cached = cache.get(connectionId);
      if (cached && cached.stamp === stamp) return { client: cached.client, connection };
      const creds = await repos.connections.readCredentials(connectionId);
      if (!creds) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId}.`);
      const client = createPartnerCenterClient({
        connection: toClientConnection(connection, creds, opts.emulatorUrl),
        limiters,
        onRefreshToken: async (event) => {
          await opts.repos().connections.storeRefreshToken(connectionId, event.refreshToken, opts.now());
        },
      });
      cache.set(connectionId, { stamp, client });
      return { client, connection };
    },
  };
}
