import { AppError, type ErrorDetail } from '@csphub/domain';
import { isPartnerCenterError, type PartnerCenterErrorJson } from '@csphub/partner-center';

/** How long a caller waits before trying again when Microsoft did not say (Retry-After absent). */
export const PARTNER_CENTER_RETRY_SECONDS = 30;

/**
 * Microsoft's own words for the details line: its code, description and the ids to quote to
 * Microsoft support. The message above it is CSP Hub's, written for the person.
 */
export function microsoftDetails(e: PartnerCenterErrorJson): ErrorDetail[] {
  const parts = [
    e.microsoftCode ? `Microsoft code ${e.microsoftCode}` : e.status ? `HTTP ${e.status}` : undefined,
    e.description,
    e.correlationId ? `correlation id ${e.correlationId}` : undefined,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? [{ field: 'microsoft', message: parts.join(' · ') }] : [];
}

/**
 * A Partner Center failure that reached the API's edge without a route translating it (a read such
 * as the domain check), as CSP Hub's error: an outage is 503 PARTNER_CENTER_UNAVAILABLE with
 * Retry-After (Microsoft's, else {@link PARTNER_CENTER_RETRY_SECONDS}) and a sentence saying
 * Microsoft is unavailable and when to try again; throttling likewise; a refused connection says
 * to reconnect; any other refusal is PARTNER_CENTER_REFUSED. Microsoft's code goes in a details
 * line, never in the sentence. Anything that is not a Partner Center failure answers undefined.
 * Statuses: docs/PARTNER-CENTER-REFERENCE.md (errors and retries).
 */
export function appErrorFromPartnerCenter(err: unknown): AppError | undefined {
  if (!isPartnerCenterError(err)) return undefined;
  const details = microsoftDetails(err);
  const wait = Math.max(1, Math.ceil(err.retryAfterSeconds ?? PARTNER_CENTER_RETRY_SECONDS));
  switch (err.code) {
    case 'THROTTLED':
    case 'QUEUE_FULL':
      return new AppError(err.code === 'THROTTLED' ? 'PARTNER_CENTER_THROTTLED' : 'PARTNER_CENTER_BUSY', `Microsoft Partner Center is busy right now. Nothing was changed; try again in ${wait} seconds.`, details, wait);
    case 'MFA_REQUIRED':
    case 'RECONNECT_REQUIRED':
      return new AppError('CONNECTION_AUTH_FAILED', 'Microsoft refused the Partner Center connection\'s sign-in. A distributor administrator must re-consent the connection (Partner Center connections page).', details);
    default:
      if (err.transient || err.code === 'PARTNER_CENTER_UNAVAILABLE' || err.code === 'TIMEOUT') {
        return new AppError('PARTNER_CENTER_UNAVAILABLE', `Microsoft Partner Center is not available right now. Nothing was changed; try again in ${wait} seconds.`, details, wait);
      }
      return new AppError('PARTNER_CENTER_REFUSED', 'Microsoft Partner Center refused the request. The details line has Microsoft\'s reason.', details);
  }
}
