import type { StepFailure } from '../runtime/step-failure';

/**
 * A failure as a person reads it in an e-mail: Microsoft's own description and the hint for what
 * to do, from the failure's fields, never the log line (`message`, which names the operation, our
 * code and the HTTP status for support). A Microsoft answer without a description reads "Microsoft
 * refused the request."; a failure of CSP Hub's own (an AppError) is already written for a person.
 */
export function readableReason(failure: Pick<StepFailure, 'message' | 'description' | 'hint' | 'status'>): string {
  const description = failure.description?.trim() || (failure.status !== undefined ? 'Microsoft refused the request.' : undefined);
  if (description === undefined) return failure.hint ? `${failure.message} ${failure.hint}` : failure.message;
  const sentence = /[.!?]$/.test(description) ? description : `${description}.`;
  return failure.hint ? `${sentence} ${failure.hint}` : sentence;
}
