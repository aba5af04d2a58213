export { loadConfig, ConfigError, type Config, type MailConfig } from './config';
export { EnvSchema } from './config.schema';
