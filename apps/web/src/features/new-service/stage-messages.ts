import type { NewTenantStageId } from '@csphub/domain';

/** One text per step of the new-tenant run; a step declared in NEW_TENANT_STAGES without one is a type error. */
export type NewTenantStageTexts = Record<NewTenantStageId, string>;

/** The timeline's message keys, `run.step.<step id>`, derived from the workflow's stage list. */
export function stageMessages(texts: NewTenantStageTexts): { [K in NewTenantStageId as `run.step.${K}`]: string } {
  return Object.fromEntries(Object.entries(texts).map(([id, text]) => [`run.step.${id}`, text])) as { [K in NewTenantStageId as `run.step.${K}`]: string };
}
