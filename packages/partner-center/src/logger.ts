/**
 * Where the client reports each call. The shape is pino's (fields first, then the message), so the
 * server's pino logger can be passed as is. Fields never carry tokens, secrets or passwords.
 */
export interface PartnerCenterLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The default logger: drops everything (a library must not write to stdout on its own). */
export const silentLogger: PartnerCenterLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
