import { createMcaRecordsRepo, schema, type Database } from '@csphub/db';
import type { Clock } from '@csphub/domain';
import { isPartnerCenterError, type McaAttestation, type McaTemplate } from '@csphub/partner-center';
import type { McaAcceptanceRecords } from '@csphub/provisioning';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';

/**
 * The version to keep for a customer from what Partner Center lists: an acceptance of the current
 * version if there is one, otherwise the latest acceptance (an older version: needs re-acceptance),
 * otherwise, when the customer signed directly in the admin center, the current version without a
 * date (Microsoft gives none, docs/PARTNER-CENTER-REFERENCE.md §5.4); null when nothing is on record.
 */
export function acceptedVersionOf(attested: readonly McaAttestation[], current: Pick<McaTemplate, 'templateId'>, directlySigned: boolean): { templateId: string; acceptedAt: Date | null } | null {
  const latest = (list: readonly McaAttestation[]) => [...list].sort((a, b) => Date.parse(b.acceptedAt) - Date.parse(a.acceptedAt))[0];
  const ofCurrent = latest(attested.filter((a) => a.templateId.toLowerCase() === current.templateId.toLowerCase()));
  const chosen = ofCurrent ?? (directlySigned ? undefined : latest(attested));
  if (chosen) return { templateId: chosen.templateId, acceptedAt: Number.isNaN(Date.parse(chosen.acceptedAt)) ? null : new Date(chosen.acceptedAt) };
  return directlySigned ? { templateId: current.templateId, acceptedAt: null } : null;
}

/**
 * Keeps the MCA version each customer accepted and the current one of each connection (the
 * provisioning runs' `McaAcceptanceRecords` port, and the periodic version check). Partner Center is
 * read here, by the steps that find or record an acceptance and by the timer, never by the cockpit.
 */
export function createMcaRecorder(deps: { db: Database; clients: PartnerCenterClients; clock: Clock }) {
  const repo = createMcaRecordsRepo(deps.db);
  return {
    /**
     * Reads the customer's agreements and the current version, and stores both. The acceptance itself
     * is already on record at Microsoft when this runs, so a Partner Center failure here records
     * nothing rather than failing the run; the next acceptance or look records it.
     */
    async recordAcceptance(a: { companyId: number; connectionId: string; tenantId: string }): Promise<void> {
      try {
        const { client } = await deps.clients.forConnection(a.connectionId);
        const [attested, current] = await Promise.all([client.listMcaAttestations(a.tenantId), client.getMcaTemplate()]);
        await repo.recordCurrentVersion(a.connectionId, current, deps.clock.now());
        const chosen = acceptedVersionOf(attested, current, attested.length === 0 ? await client.isMcaDirectlySigned(a.tenantId) : false);
        if (chosen) await repo.recordAcceptance({ companyId: a.companyId, connectionId: a.connectionId, ...chosen });
      } catch (e) {
        if (!isPartnerCenterError(e)) throw e;
      }
    },
    /** Reads the current MCA version of every connection; a connection Partner Center does not answer for keeps what it had. */
    async refreshCurrentVersions(connectionIds: readonly string[]): Promise<void> {
      for (const id of connectionIds) {
        try {
          const { client } = await deps.clients.forConnection(id);
          await repo.recordCurrentVersion(id, await client.getMcaTemplate(), deps.clock.now());
        } catch (e) {
          if (!isPartnerCenterError(e)) throw e;
        }
      }
    },
  } satisfies McaAcceptanceRecords & Record<string, unknown>;
}

export type McaRecorder = ReturnType<typeof createMcaRecorder>;

/**
 * Reads the current MCA version of every connection now and then every `everyMs`, so the cockpit's
 * "needs re-acceptance" follows a version Microsoft publishes without a look per customer.
 */
export function startMcaVersionChecks(deps: { db: Database; clients: PartnerCenterClients; clock: Clock; logger?: { warn?: (o: object, m: string) => void } | undefined }, everyMs: number): () => void {
  const recorder = createMcaRecorder(deps);
  let running = false;
  const check = () => {
    if (running) return;
    running = true;
    void deps.db
      .select({ id: schema.connections.id })
      .from(schema.connections)
      .then((list) => recorder.refreshCurrentVersions(list.map((c) => c.id)))
      .catch((e: unknown) => deps.logger?.warn?.({ err: e }, 'MCA version check failed'))
      .finally(() => (running = false));
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
