import { EmulatorMount } from './wire/urls';
import type { PartnerCenterConnectionInput } from './partner-center-connection.schema';

/**
 * The base URLs of a connection that talks to the CSP Hub emulator at `origin` (e.g.
 * `http://127.0.0.1:4010`): Partner Center at the root, Graph, login and the admin portal under
 * their mounts. Only the URLs differ from a Microsoft connection.
 */
export function emulatorEndpoints(
  origin: string,
): Pick<
  PartnerCenterConnectionInput,
  'partnerCenterBaseUrl' | 'graphBaseUrl' | 'authorityBaseUrl' | 'adminPortalBaseUrl' | 'mcaComponentBaseUrl'
> {
  const o = origin.replace(/\/+$/, '');
  return {
    partnerCenterBaseUrl: o,
    graphBaseUrl: o + EmulatorMount.graph,
    authorityBaseUrl: o + EmulatorMount.login,
    adminPortalBaseUrl: o + EmulatorMount.admin,
    mcaComponentBaseUrl: o + EmulatorMount.mcaComponent,
  };
}
