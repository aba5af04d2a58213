import type { WorkflowStepId } from '@csphub/domain';

/**
 * One text per step a durable run journals (declared in `packages/domain/src/onboarding/workflow-stages.ts`);
 * the texts are `@csphub/notifications/stage-names`, shared with the failure e-mail. A step without
 * one is a type error, and `stage-messages.test.ts` checks both catalogues.
 */
export type WorkflowStepTexts = Record<WorkflowStepId, string>;


/** The timeline's message keys, `run.step.<step id>`, derived from the workflows' step lists. */
export function stageMessages(texts: WorkflowStepTexts): { [K in WorkflowStepId as `run.step.${K}`]: string } {
  return Object.fromEntries(Object.entries(texts).map(([id, text]) => [`run.step.${id}`, text])) as { [K in WorkflowStepId as `run.step.${K}`]: string };
}
