import type { Logger } from '../logger';
import type { Principal } from '../auth/principal';

/** Per-request variables every route can read from `c.var`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Set by the authentication middleware on every route that is not public. */
    principal: Principal;
  };
}
