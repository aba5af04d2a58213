import type { Config, MailConfig } from '@csphub/config';
import { createNotificationTemplatesRepo, createOutboxRepo, createPartnerCenterBudgetRepo, createRepos, type Database, type SecretBox } from '@csphub/db';
import { createNotifier, createOutboxTransport, createSmtpTransport, type Notifier } from '@csphub/notifications';
import { createLimiterRegistry, systemClock, type PartnerCenterClient } from '@csphub/partner-center';
import { createPartnerCenterClients, type PartnerCenterClients } from '../partner-center/partner-center-clients';
import { createPartnerCenterConnectionTester, type ConnectionTester } from '../partner-center/connection-tester';

/**
 * The process's adapters, created once: routes, background checks and the durable runs share them,
 * so every Partner Center call of the process goes through one limiter registry (each partner's
 * budget and bounded queue) and one client cache.
 */
export interface ServerAdapters {
  clients: PartnerCenterClients;
  /** The client of a connection, for callers that do not need the connection's summary (commerce, the order run). */
  partnerCenterFor: (connectionId: string) => Promise<PartnerCenterClient>;
  notifier: Notifier;
  /** How "test connection" reaches Partner Center. */
  connectionTester: ConnectionTester;
}

/** The notifier for the configured mail: SMTP when set, else the local outbox. */
export function notifierFor(deps: { db: Database; box: SecretBox }, mail: MailConfig): Notifier {
  const transport = mail.transport === 'smtp' ? createSmtpTransport({ url: mail.url }) : createOutboxTransport(createOutboxRepo(deps.db, deps.box));
  const repo = createNotificationTemplatesRepo(deps.db);
  return createNotifier({
    transport,
    from: mail.from,
    wording: async (companyId, templateId, language) => {
      const row = await repo.effectiveFor(companyId, templateId, language);
      return row ? { subject: row.subject, paragraphs: row.paragraphs } : undefined;
    },
  });
}

/** Builds the process's adapters from the configuration (main.ts, and tests that want the real ones). */
export function createServerAdapters(opts: { config: Config; db: Database; box: SecretBox; emulatorUrl: string; now?: () => Date }): ServerAdapters {
  // On PostgreSQL several workers may share the database: each call on a throttled operation also
  // takes its slot from the budget they share (one statement), so together they keep to one
  // partner's limit. The embedded database is one process; its own limiter is the whole budget.
  const shared = opts.config.database.kind === 'postgres' ? { shared: { budget: createPartnerCenterBudgetRepo(opts.db) } } : {};
  const limiters = createLimiterRegistry({ clock: systemClock, maxQueued: opts.config.partnerCenter.maxQueued, ...shared });
  const clients = createPartnerCenterClients({ repos: () => createRepos(opts.db, opts.box), emulatorUrl: opts.emulatorUrl, now: opts.now ?? (() => new Date()), limiters });
  return {
    clients,
    partnerCenterFor: async (connectionId) => (await clients.forConnection(connectionId)).client,
    notifier: notifierFor(opts, opts.config.mail),
    connectionTester: createPartnerCenterConnectionTester({ limiters }),
  };
}

/** The embedded emulator's origin, where emulated connections send Partner Center calls. */
export function emulatorUrlOf(config: Config, emulator: { url: string } | undefined): string {
  return emulator?.url ?? `http://127.0.0.1:${config.emulator.port}`;
}
