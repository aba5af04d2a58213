import { AppError } from '@csphub/domain';

/**
 * Awaits a call into the durable-run engine for at most `ms`, then answers WORKFLOWS_BUSY (503)
 * instead of holding the HTTP request open. The call itself cannot be cancelled and may still
 * complete later; callers only use this for idempotent calls (a keyed retry message), so repeating
 * the request after a 503 is safe.
 */
export async function withBoundedWait<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('WORKFLOWS_BUSY', `The durable-run engine did not answer within ${Math.round(ms / 1000)} s while trying to ${what}. Nothing was lost; try again in a moment.`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
