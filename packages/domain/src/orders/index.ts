export { quantityProblem, isQuantityAllowed, type QuantityProblem, type SeatBounds } from './seat-quantity';
export {
  NCE_WINDOW_HOURS,
  NCE_WINDOW_MS,
  WINDOW_CLOSING_NOTICE_MS,
  cancellationWindow,
  isWindowClosingSoon,
  type CancellationWindow,
} from './cancellation-window';
export { EXPIRY_WARNING_DAYS, termExpiry, type TermExpiry } from './term-expiry';
export {
  SUBSCRIPTION_ACTIONS,
  SUBSCRIPTION_STATUSES,
  actionOfChange,
  planSubscriptionActions,
  type ActionDecision,
  type ActionRefusal,
  type SubscriptionAction,
  type SubscriptionActionPlan,
  type SubscriptionFacts,
  type SubscriptionStatus,
} from './subscription-actions';
export { ORDER_STATUSES, isFinalOrderStatus, orderStatusFromMicrosoft, type OrderStatus } from './order-status';
export { partnerOfRecord, type ConnectionKind, type PartnerOfRecord, type PartnerOfRecordProblem } from './partner-of-record';
export { checkOrderLines, type OrderLineDraft, type OrderLineProblem, type OrderLinesCheck, type OrderableSku } from './order-lines';
export { ORDER_REFERENCE_PREFIX, friendlyNameWithReference, orderReferenceOf, placeOrderWorkflowId, referenceInFriendlyName } from './order-reference';
export { MOVE_STEPS, checkMoveOrder, currentMoveStep, type ExistingSubscription, type MoveCheck, type MoveLineProblem, type MoveStep } from './move-from-partner';
export { explainSubscriptionRefusal, type MicrosoftRefusal } from './microsoft-refusal';
export { CATALOG_MAX_AGE_MS, catalogCategoryOf, isCatalogStale, matchesCatalogSearch, productGroupOf } from './catalog-grouping';
export { COMMERCE_ACTIONS, COMMERCE_PERMISSIONS, type CommerceAction } from './commerce-permissions';
export { END_OF_TERM_OUTCOMES, EXTENDED_SERVICE_TERM, endOfTerm, extendedServiceTermPrice, type EndOfTerm, type EndOfTermOutcome, type EstPriceBasis, type NextTermPlan } from './end-of-term';
