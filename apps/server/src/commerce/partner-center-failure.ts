import { AppError, explainSubscriptionRefusal, type MicrosoftRefusal } from '@csphub/domain';
import { isPartnerCenterError } from '@csphub/partner-center';

const REFUSALS: Record<MicrosoftRefusal, string> = {
  window_closed:
    'Microsoft no longer allows reducing seats or cancelling: the 7-day (168-hour) window after the purchase or renewal has passed. You can turn auto-renew off so that the subscription ends at its term end, or reduce at the next renewal.',
  quantity_out_of_range: "The seat count is outside the minimum and maximum Microsoft allows for this product.",
  seat_limit: 'Microsoft refused: a limit on subscriptions or seats for this customer was reached.',
  changed_meanwhile: 'The subscription changed in Partner Center while you were editing it. Reload it and try again.',
  no_relationship: 'This partner account has no reseller relationship with the customer any more.',
  access_denied: "The connection's partner user lacks the rights (GDAP roles or App+User consent) for this action.",
  not_found: 'Partner Center does not know this subscription or customer (it may have been deleted).',
  conflict: 'Another change to this subscription or order is still being processed by Microsoft. Try again in a few minutes.',
  other: 'Microsoft refused the change.',
};

/**
 * Turns a Partner Center failure into CSP Hub's error for the API: outages and throttling are
 * retryable 502/503s; a business refusal becomes PARTNER_CENTER_REFUSED with a sentence that
 * explains it (Microsoft's own description and code kept at the end for support). Anything else
 * is rethrown untouched.
 */
export function toAppError(e: unknown, action: string): never {
  if (isPartnerCenterError(e)) {
    if (e.code === 'THROTTLED') throw new AppError('PARTNER_CENTER_THROTTLED', `Partner Center is busy; ${action} was not done. Try again in a minute.`);
    if (e.transient || e.code === 'PARTNER_CENTER_UNAVAILABLE' || e.code === 'TIMEOUT') {
      throw new AppError('PARTNER_CENTER_UNAVAILABLE', `Partner Center could not be reached; ${action} was not done. Try again shortly.`);
    }
    if (e.code === 'RECONNECT_REQUIRED') throw new AppError('CONNECTION_AUTH_FAILED', `The Partner Center connection needs to be reconnected before ${action}.`);
    if (e.code === 'MFA_REQUIRED') throw new AppError('CONNECTION_AUTH_FAILED', `Microsoft requires multi-factor authentication on the connection's partner user: re-consent the Partner Center connection (sign in again with MFA) before ${action}.`);
    if (e.code === 'MCA_MISSING') throw new AppError('MCA_MISSING', "The customer has no Microsoft Customer Agreement acceptance on record. Record it on the company page, then try again.");
    const text = REFUSALS[explainSubscriptionRefusal(e.code)];
    const ms = e.microsoftCode ? ` (Microsoft ${e.microsoftCode}: ${e.description ?? e.message})` : '';
    throw new AppError('PARTNER_CENTER_REFUSED', `${text}${ms}`, [{ field: 'refusal', message: explainSubscriptionRefusal(e.code) }]);
  }
  throw e;
}

/** Runs a Partner Center call, translating its failure with {@link toAppError}. */
export async function callPartnerCenter<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return toAppError(e, action);
  }
}
