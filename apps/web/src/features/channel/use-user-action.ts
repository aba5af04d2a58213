import { useState } from 'react';
import { ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { peopleErrorMessage } from './people-error';

/**
 * The request state the Security tab's per-person dialogs share: busy while the call runs, the
 * server's refusal in the people wording, and a refresh of the list when the person was removed or
 * moved meanwhile (NOT_FOUND), so the table shows what is true now.
 */
export function useUserAction(onListChanged: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `action`; resolves to its answer, or to undefined when it failed (the error is shown). */
  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(peopleErrorMessage(t, e));
      if (e instanceof ApiError && e.code === 'NOT_FOUND') onListChanged();
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
