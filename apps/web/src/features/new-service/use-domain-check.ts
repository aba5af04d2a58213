import { useEffect, useState } from 'react';
import { onboardingApi } from './new-service-client';
import type { DomainCheck } from '@csphub/server/contract';
import { useDebouncedValue } from './use-debounced-value';

/** What the live check knows about the prefix being typed. */
export interface LiveDomainCheck {
  /** The prefix as checked (trimmed, lower case). */
  prefix: string;
  /** The server's verdict for `prefix`, once it came back. */
  check: DomainCheck | null;
  /** Waiting for the typing to stop or for the answer. */
  checking: boolean;
  /** The failed check (an ApiError: Partner Center unavailable, no access...). */
  error: unknown;
}

/**
 * The one live check of an onmicrosoft.com prefix, for the order wizard and the company
 * page's inline edit alike: 400 ms after typing stops it asks
 * `GET /companies/{id}/onboarding/domain-check` (format first, then Partner Center, with free
 * suggestions when taken). An answer for a prefix the person has since changed is ignored.
 * `enabled` false checks nothing (a field not being edited).
 */
export function useDomainCheck(companyId: number, connectionId: string, value: string, enabled = true): LiveDomainCheck {
  const prefix = value.trim().toLowerCase();
  const debounced = useDebouncedValue(prefix, 400);
  const [answer, setAnswer] = useState<{ prefix: string; check: DomainCheck | null; error: unknown } | null>(null);
  useEffect(() => {
    if (!enabled || debounced === '') return;
    let cancelled = false;
    onboardingApi
      .domainCheck(companyId, connectionId, debounced)
      .then((check) => !cancelled && setAnswer({ prefix: debounced, check, error: null }))
      .catch((error: unknown) => !cancelled && setAnswer({ prefix: debounced, check: null, error }));
    return () => {
      cancelled = true;
    };
  }, [enabled, debounced, companyId, connectionId]);
  const current = answer && answer.prefix === prefix ? answer : null;
  return { prefix, check: current?.check ?? null, error: current?.error ?? null, checking: enabled && prefix !== '' && !current };
}
