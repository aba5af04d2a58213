/**
 * What CSP Hub shows of a GDAP relationship, from Graph's status (docs/PARTNER-CENTER-REFERENCE.md
 * §12.2): created, approval pending, active, expiring (active and ending within 30 days without
 * auto-extend), expired, terminated.
 */
export const GDAP_STATES = ['created', 'approval_pending', 'activating', 'active', 'expiring', 'expired', 'terminating', 'terminated'] as const;
export type GdapState = (typeof GDAP_STATES)[number];

/** Graph's `status` of a delegated admin relationship, as stored (docs/PARTNER-CENTER-REFERENCE.md §12.2). */
export const GDAP_GRAPH_STATUSES = ['created', 'approvalPending', 'approved', 'activating', 'active', 'expiring', 'expired', 'terminationRequested', 'terminating', 'terminated'] as const;
export type GdapGraphStatus = (typeof GDAP_GRAPH_STATUSES)[number];

const DAY_MS = 86_400_000;
/** The days before the end at which the reseller and the distributor are told. */
export const GDAP_EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;
export type GdapExpiryNoticeDay = (typeof GDAP_EXPIRY_NOTICE_DAYS)[number];

/** CSP Hub's state of a relationship with Graph's `status` and end date, at `now`. */
export function gdapStateOf(status: string, endsAt: Date | null, autoExtend: boolean, now: Date): GdapState {
  switch (status) {
    case 'created':
      return 'created';
    case 'approvalPending':
      return 'approval_pending';
    case 'approved':
    case 'activating':
      return 'activating';
    case 'active':
    case 'expiring':
      if (endsAt && endsAt.getTime() <= now.getTime() && !autoExtend) return 'expired';
      if (status === 'expiring') return 'expiring';
      return endsAt && !autoExtend && endsAt.getTime() - now.getTime() <= 30 * DAY_MS ? 'expiring' : 'active';
    case 'expired':
      return 'expired';
    case 'terminationRequested':
    case 'terminating':
      return 'terminating';
    case 'terminated':
      return 'terminated';
    default:
      return 'created';
  }
}

/** Whether a relationship in this state still grants access (and can be renewed, terminated, changed). */
export function isGdapLive(state: GdapState): boolean {
  return state === 'active' || state === 'expiring';
}

/**
 * The expiry notice due now for a relationship ending at `endsAt`, if any: the smallest of 30, 7
 * and 1 days that the time left has reached and that was not sent yet. A relationship that
 * auto-extends gets none.
 */
export function gdapExpiryNoticeDue(endsAt: Date, now: Date, autoExtend: boolean, sent: readonly number[]): GdapExpiryNoticeDay | null {
  if (autoExtend) return null;
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: GdapExpiryNoticeDay | null = null;
  for (const d of GDAP_EXPIRY_NOTICE_DAYS) if (left <= d * DAY_MS) due = d;
  return due !== null && !sent.includes(due) ? due : null;
}
