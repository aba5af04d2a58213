/**
 * Partner of record by location (docs/PARTNER-CENTER-REFERENCE.md §7.1): Microsoft accepts as the
 * partner of record on an order only the Partner Location ID (PLA) of an indirect reseller it
 * authorizes, and says which ones it does through `validateresellers`. These rules decide which ID a
 * reseller's orders name, whether CSP Hub may send such an order at all, and what a revalidation of
 * the reseller base changes. No I/O.
 */

/** Microsoft's last verdict on a reseller's PLA; null until it was first checked. */
export type PorStatus = 'eligible' | 'ineligible';

export interface ResellerPorFacts {
  id: number;
  /** The Partner ID on file (the global ID, or the only one older records carry). */
  partnerId: string | null;
  /** The Partner Location ID (PLA), set by the distributor. */
  partnerLocationId: string | null;
  porStatus: PorStatus | null;
  porErrorCode: number | null;
  porErrorDescription: string | null;
}

/**
 * The ID an order for this reseller names as partner of record: its PLA, or, for a reseller created
 * before the PLA was recorded, the one Partner ID on file (what orders named until then; Microsoft
 * refuses it if it is a global ID, and the revalidation then marks the reseller).
 */
export function partnerOfRecordIdOf(reseller: Pick<ResellerPorFacts, 'partnerId' | 'partnerLocationId'>): string | null {
  const pla = reseller.partnerLocationId?.trim();
  if (pla) return pla;
  const id = reseller.partnerId?.trim();
  return id ? id : null;
}

/** Whether an order naming this reseller may go to Partner Center: not when Microsoft last said no. */
export function mayOrderAsPartnerOfRecord(reseller: Pick<ResellerPorFacts, 'porStatus'>): boolean {
  return reseller.porStatus !== 'ineligible';
}

/** Microsoft's answer for one ID (`validateresellers`). */
export interface PorValidation {
  partnerId: string;
  isValid: boolean;
  errorCode?: number;
  errorDescription?: string;
}

/** What a revalidation writes for one reseller whose verdict changed. */
export interface PorChange {
  id: number;
  partnerOfRecordId: string;
  before: PorStatus | null;
  after: PorStatus;
  errorCode: number | null;
  errorDescription: string | null;
}

/**
 * What a revalidation of the reseller base changes: for each reseller with a partner-of-record ID
 * that Microsoft answered for, its new status when it differs from the stored one, or when it stays
 * ineligible for another reason (a new code or description). Resellers without an ID, or whose ID
 * got no answer, are left as they are.
 */
export function porChanges(resellers: readonly ResellerPorFacts[], results: readonly PorValidation[]): PorChange[] {
  const byId = new Map(results.map((r) => [r.partnerId.trim(), r]));
  const out: PorChange[] = [];
  for (const reseller of resellers) {
    const partnerOfRecordId = partnerOfRecordIdOf(reseller);
    if (!partnerOfRecordId) continue;
    const result = byId.get(partnerOfRecordId);
    if (!result) continue;
    const after: PorStatus = result.isValid ? 'eligible' : 'ineligible';
    const errorCode = result.isValid ? null : (result.errorCode ?? null);
    const errorDescription = result.isValid ? null : (result.errorDescription ?? null);
    const same = reseller.porStatus === after && reseller.porErrorCode === errorCode && reseller.porErrorDescription === errorDescription;
    if (!same) out.push({ id: reseller.id, partnerOfRecordId, before: reseller.porStatus, after, errorCode, errorDescription });
  }
  return out;
}
