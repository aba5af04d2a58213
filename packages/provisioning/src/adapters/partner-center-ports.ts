import { createPartnerCenterClient, type PartnerCenterClientOptions } from '@csphub/partner-center';
import type { NewTenantPartnerCenter } from '../ports/new-tenant.ports';

/**
 * Builds the `partnerCenter(connectionId)` port of the workflows over the typed client: one client
 * per connection, kept so its token cache lives across steps. Pass the process's one limiter
 * registry in `clientOptions.limiters` so every client shares Microsoft's limits (STACK-NOTES 9,
 * single-process mode). `loadConnection` reads the connection with its secrets (the connections
 * repository in the server).
 */
export function createPartnerCenterPorts(opts: {
  loadConnection(connectionId: string): Promise<PartnerCenterClientOptions['connection']>;
  clientOptions?: Omit<PartnerCenterClientOptions, 'connection'>;
}): { partnerCenter(connectionId: string): Promise<NewTenantPartnerCenter>; forget(connectionId: string): void } {
  const clients = new Map<string, Promise<NewTenantPartnerCenter>>();
  return {
    partnerCenter(connectionId) {
      let client = clients.get(connectionId);
      if (!client) {
        client = opts.loadConnection(connectionId).then((connection) => {
          const c = createPartnerCenterClient({ ...opts.clientOptions, connection });
          const port: NewTenantPartnerCenter = c;
          return port;
        });
        client.catch(() => clients.delete(connectionId));
        clients.set(connectionId, client);
      }
      return client;
    },
    /** Drops a cached client (after the connection's credentials changed). */
    forget: (connectionId) => void clients.delete(connectionId),
  };
}
