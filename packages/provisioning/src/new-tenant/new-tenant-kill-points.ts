import { NEW_TENANT_STAGES, type NewTenantStageId, type StageDeclaration } from '@csphub/domain';

/** The run's path: which optional stages it takes (NEW_TENANT_STAGES's `when`). */
export type StagePath = Record<NonNullable<StageDeclaration['when']>, boolean>;

/** The step the run takes before its stages (the account's sync status moves to in progress). */
const LEADING_STEP = 'set-sync-status';

/**
 * Where a crash test kills a worker: after every step the run takes on `path`, in order, and also
 * just before the first irreversible stage (its Partner Center call journaled, its answer not).
 * Derived from NEW_TENANT_STAGES, so a new stage is a new kill point without editing the tests.
 * Each point reads `after:<step id>` or `before:<step id>`, as the crash worker's NT_KILL_AT.
 */
export function newTenantKillPoints(path: StagePath, stages: readonly StageDeclaration[] = NEW_TENANT_STAGES): string[] {
  const firstIrreversible = stages.find((s) => s.irreversible)?.id;
  const points = [`after:${LEADING_STEP}`];
  for (const s of stages) {
    if (s.when && !path[s.when]) continue;
    if (s.id === firstIrreversible) points.push(`before:${s.id}`);
    points.push(`after:${s.id}`);
  }
  return points;
}

/** The ids of the stages that change something at Microsoft for good (the crash tier's SIGKILL points). */
export const NEW_TENANT_IRREVERSIBLE_STAGES: readonly NewTenantStageId[] = NEW_TENANT_STAGES.filter((s) => 'irreversible' in s && s.irreversible).map((s) => s.id);

/**
 * The kill points of a path split by how a test proves them: around an irreversible stage (before
 * the first one, after each) with a real SIGKILL of the worker (crash tier); the others by a crash
 * simulated in-process and recovered from the journal (replay tests).
 */
export function newTenantKillPointsByTier(path: StagePath): { sigkill: string[]; replay: string[] } {
  const all = newTenantKillPoints(path);
  const irreversible = new Set<string>(NEW_TENANT_IRREVERSIBLE_STAGES);
  const isSigkill = (point: string) => point.startsWith('before:') || irreversible.has(point.slice('after:'.length));
  return { sigkill: all.filter(isSigkill), replay: all.filter((p) => !isSigkill(p)) };
}
