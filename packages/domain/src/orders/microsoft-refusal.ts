/**
 * Why Microsoft refused a subscription change, in words the UI can explain. Our own rules
 * (`planSubscriptionActions`) disable what should not work, but Microsoft stays the judge (its clock,
 * a renewal we have not seen yet): when it still refuses, the person reads what happened and what to
 * do instead of a bare code.
 */
export type MicrosoftRefusal =
  | 'window_closed'
  | 'quantity_out_of_range'
  | 'seat_limit'
  | 'changed_meanwhile'
  | 'no_relationship'
  | 'access_denied'
  | 'not_found'
  | 'conflict'
  | 'other';

/**
 * Maps a Partner Center error code of the client (`PartnerCenterError.code`, itself mapped from
 * Microsoft's numeric codes, docs/PARTNER-CENTER-REFERENCE.md §10 and §15) to the refusal to explain.
 */
export function explainSubscriptionRefusal(partnerCenterCode: string): MicrosoftRefusal {
  switch (partnerCenterCode) {
    case 'NCE_WINDOW_PASSED':
      return 'window_closed';
    case 'QUANTITY_OUT_OF_RANGE':
      return 'quantity_out_of_range';
    case 'SEAT_LIMIT_REACHED':
    case 'SANDBOX_LIMIT':
      return 'seat_limit';
    case 'ETAG_STALE':
      return 'changed_meanwhile';
    case 'NO_RELATIONSHIP':
      return 'no_relationship';
    case 'ACCESS_DENIED':
    case 'APP_USER_REQUIRED':
      return 'access_denied';
    case 'NOT_FOUND':
      return 'not_found';
    case 'CONFLICT':
    case 'ORDER_IN_PROGRESS':
      return 'conflict';
    default:
      return 'other';
  }
}
