/** The kind of Partner Center account an order goes through. */
export type ConnectionKind = 'direct-bill' | 'indirect-provider';

/** Why no partner of record can be named. */
export type PartnerOfRecordProblem =
  /** An indirect provider sells only through a reseller: the reseller Partner ID must be set. */
  | 'reseller_partner_id_missing'
  /** The provider's own Partner ID may never go on a line (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
  | 'provider_partner_id'
  | 'malformed';

export type PartnerOfRecord = { ok: true; partnerId: string | undefined } | { ok: false; problem: PartnerOfRecordProblem };

/**
 * The Partner ID that goes on each cart line as `transaction_reseller`. On an
 * indirect-provider connection it is the reseller's and is required; a direct-bill partner sells
 * on its own and names nobody.
 */
export function partnerOfRecord(input: { connectionKind: ConnectionKind; resellerPartnerId?: string | null | undefined; providerPartnerId?: string | null | undefined }): PartnerOfRecord {
  if (input.connectionKind === 'direct-bill') return { ok: true, partnerId: undefined };
  const id = input.resellerPartnerId?.trim() ?? '';
  if (id === '') return { ok: false, problem: 'reseller_partner_id_missing' };
  if (!/^\d{5,10}$/.test(id)) return { ok: false, problem: 'malformed' };
  if (input.providerPartnerId && id === input.providerPartnerId.trim()) return { ok: false, problem: 'provider_partner_id' };
  return { ok: true, partnerId: id };
}
