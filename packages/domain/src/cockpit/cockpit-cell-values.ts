import { ORDER_STATUSES } from '../orders/order-status';
import { GDAP_GRAPH_STATUSES } from '../gdap/gdap-relationship-state';
import { END_OF_TERM_OUTCOMES } from '../orders/end-of-term';

/**
 * The coded values a cockpit list can show in a column, per list and column. The cockpit's SQL
 * (packages/db) builds its `case` results and filters from these lists, and the web app shows each
 * value through a message (`cockpit.value.<list>.<column>.<value>`), so a value added here without
 * its words fails the web app's message test. A stored value outside its list (free text such as a
 * failure reason) is shown as stored.
 */

/** A customer's state from its accounts in every connection. */
export const COCKPIT_CUSTOMER_STATES = ['ready', 'not_ready', 'provisioning', 'needs_attention'] as const;
export type CockpitCustomerState = (typeof COCKPIT_CUSTOMER_STATES)[number];

/** The reasons the cockpit gives itself when no stored failure reason explains a not-ready customer. */
export const COCKPIT_NOT_READY_REASONS = ['never-provisioned', 'not-synced'] as const;

/** A customer's Microsoft Customer Agreement, from what the runs stored. */
export const COCKPIT_MCA_STATUSES = ['accepted', 'missing', 'needs_reacceptance'] as const;
export type CockpitMcaStatus = (typeof COCKPIT_MCA_STATUSES)[number];

/** Microsoft's verdict on a reseller as partner of record (null: not checked). */
export const PARTNER_OF_RECORD_STATUSES = ['eligible', 'ineligible'] as const;
export type PartnerOfRecordStatus = (typeof PARTNER_OF_RECORD_STATUSES)[number];

/** The outcome of the last check of a pending existing-tenant authorization that did not find it accepted. */
export const AUTHORIZATION_CHECK_RESULTS = ['invalid-domain', 'domain-unknown', 'not-accepted', 'other-partner', 'needs-confirmation', 'linked-elsewhere', 'accepted'] as const;
export type AuthorizationCheckResult = (typeof AUTHORIZATION_CHECK_RESULTS)[number];

/** The relation between a customer's reseller relationship and its GDAP in one connection. */
export const COCKPIT_RELATIONSHIP_GAPS = ['reseller_without_gdap', 'gdap_without_reseller'] as const;
export type CockpitRelationshipGap = (typeof COCKPIT_RELATIONSHIP_GAPS)[number];

export const COCKPIT_CELL_VALUES = {
  customers: { state: COCKPIT_CUSTOMER_STATES, reason: COCKPIT_NOT_READY_REASONS },
  gdap: { status: GDAP_GRAPH_STATUSES },
  authorizations: { lastCheckResult: AUTHORIZATION_CHECK_RESULTS },
  mca: { mcaStatus: COCKPIT_MCA_STATUSES },
  resellers: { porStatus: PARTNER_OF_RECORD_STATUSES },
  orders: { status: ORDER_STATUSES },
  relationships: { gap: COCKPIT_RELATIONSHIP_GAPS },
  subscriptions_ending: { outcome: END_OF_TERM_OUTCOMES },
} as const satisfies Record<string, Record<string, readonly string[]>>;

/** The coded values of one list's column, or none when the column holds names, numbers or dates. */
export function cockpitCellValues(list: string, column: string): readonly string[] | undefined {
  const columns: Record<string, readonly string[]> | undefined = (COCKPIT_CELL_VALUES as Record<string, Record<string, readonly string[]>>)[list];
  return columns?.[column];
}
