/**
 * Starts one read and answers how to call it off: calling it off aborts the request (the browser
 * drops it and its body is never parsed) and drops whatever the read still answers, value or error.
 * A reader whose address changes (a search as the person types, `useApi`) calls off the read before
 * starting the next, so a slow answer to an older address never replaces the newer one's.
 */
export function cancellableRead<T>(read: (signal: AbortSignal) => Promise<T>, onAnswer: (value: T) => void, onError: (error: unknown) => void): () => void {
  const controller = new AbortController();
  read(controller.signal).then(
    (value) => {
      if (!controller.signal.aborted) onAnswer(value);
    },
    (error: unknown) => {
      if (!controller.signal.aborted) onError(error);
    },
  );
  return () => controller.abort();
}
