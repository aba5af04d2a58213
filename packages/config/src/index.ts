export { loadConfig, ConfigError, isLoopbackHost, type Config, type MailConfig } from './config';
export { EnvSchema } from './config.schema';
