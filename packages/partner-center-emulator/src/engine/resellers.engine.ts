import type { Engine } from './engine';
import type { PartnerRecord, ResellerRecord } from './emulator-state';
import * as pcErrors from '../errors/pc-errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reseller whose location ID (PLA) or global ID (PGA) this is. */
export function resellerByAnyPartnerId(engine: Engine, id: string): ResellerRecord | undefined {
  return Object.values(engine.state.resellers).find((r) => r.partnerId === id || r.globalPartnerId === id);
}

/** Every organisation Microsoft knows by Partner ID: the scenario's partners and resellers. */
export function findByPartnerId(engine: Engine, mpnId: string): { name: string; partnerId: string; isReseller: boolean } | undefined {
  // A reseller is known by its location ID (PLA) and its global ID (PGA) alike (§7).
  const reseller = resellerByAnyPartnerId(engine, mpnId);
  if (reseller) return { name: reseller.name, partnerId: mpnId, isReseller: true };
  const partner = Object.values(engine.state.partners).find((p) => p.partnerId === mpnId);
  if (partner) return { name: partner.name, partnerId: partner.partnerId, isReseller: false };
  return undefined;
}

/**
 * `GET /v1/compliance/csp/agreementstatus` (docs/PARTNER-CENTER-REFERENCE.md §7). Codes: 2000 bad input
 * format or both ids, 2001 none, 2200 unknown Partner ID, 2204 Partner ID not an indirect reseller,
 * 2205 unknown tenant, 2201 reseller's CSP region differs from the provider's, 2203 MPA signed but
 * not for the provider's region; otherwise `isAgreementSigned` (false when never signed).
 */
export function agreementStatus(engine: Engine, provider: PartnerRecord, mpnId: string | undefined, tenantId: string | undefined): { isAgreementSigned: boolean } {
  const hasMpn = mpnId !== undefined && mpnId !== '';
  const hasTenant = tenantId !== undefined && tenantId !== '';
  if (hasMpn && hasTenant) throw pcErrors.mpaBadInput('Both MPN Id and Tenant Id should not be passed.');
  if (!hasMpn && !hasTenant) throw pcErrors.mpaMissingInput();
  let reseller;
  if (hasMpn) {
    if (!/^\d+$/.test(mpnId)) throw pcErrors.mpaBadInput('MPN Id must be numeric.');
    const known = findByPartnerId(engine, mpnId);
    if (!known) throw pcErrors.mpaMpnInvalid(mpnId);
    if (!known.isReseller) throw pcErrors.mpaNotIndirectReseller(mpnId);
    reseller = resellerByAnyPartnerId(engine, mpnId)!;
  } else {
    if (!GUID.test(tenantId!)) throw pcErrors.mpaBadInput('Tenant Id must be a GUID.');
    reseller = engine.state.resellers[tenantId!.toLowerCase()];
    if (!reseller) throw pcErrors.mpaTenantNotFound(tenantId!);
  }
  if (reseller.region !== provider.region) throw pcErrors.mpaRegionMismatch(reseller.partnerId);
  if (reseller.mpaSignedRegions.length === 0) return { isAgreementSigned: false };
  if (!reseller.mpaSignedRegions.includes(provider.region)) throw pcErrors.mpaNotSignedForRegion(reseller.partnerId, provider.region);
  return { isAgreementSigned: true };
}

/** One answer of `validateresellers`, in Microsoft's shape (docs/PARTNER-CENTER-REFERENCE.md §7.1). */
export interface ResellerValidation {
  partnerId: string;
  isValidPartnerIdOnRecord: boolean;
  errorCode?: number;
  errorDescription?: string;
}

/** The code Microsoft's example gives for an ID that may not be partner of record (§7.1). */
export const POR_NOT_VALID_CODE = 900400;

/**
 * Why `id` may not be the partner of record on this provider's orders, or undefined when it may
 * (docs/PARTNER-CENTER-REFERENCE.md §7.1): it must be the location ID (PLA) of an active indirect
 * reseller of this provider, in the provider's CSP region, that accepted the Partner Agreement for
 * it and whose authorization has not lapsed. A global ID (PGA), the provider's own ID, another
 * partner's or an unknown one is refused. The wording is the emulator's (docs/EMULATOR-DIFFERENCES.md).
 */
export function partnerOfRecordProblem(engine: Engine, provider: PartnerRecord, id: string): string | undefined {
  const pla = `The PLA ID (formerly MPN ID) ${id}`;
  const byLocation = Object.values(engine.state.resellers).find((r) => r.partnerId === id);
  if (!byLocation) {
    const byGlobal = Object.values(engine.state.resellers).find((r) => r.globalPartnerId === id);
    if (byGlobal) return `${pla} is a global partner ID (PGA) of ${byGlobal.name}; use the reseller's partner location ID (PLA) as partner of record.`;
    if (id === provider.partnerId) return `${pla} is the provider's own ID and can't be the partner of record.`;
    return `${pla} isn't associated with an authorized indirect reseller.`;
  }
  if (!byLocation.providerTenantIds.includes(provider.tenantId) || byLocation.state !== 'Active') return `${pla} isn't associated with an active indirect reseller of this provider.`;
  if (byLocation.region !== provider.region || !byLocation.mpaSignedRegions.includes(provider.region)) return `${pla} hasn't accepted the Microsoft Partner Agreement for the provider's CSP region.`;
  const authorization = byLocation.porAuthorization ?? 'authorized';
  if (authorization === 'expired') return `${pla}'s authorization as an indirect reseller has expired.`;
  if (authorization === 'notAuthorized') return `${pla} isn't authorized as an indirect reseller for partner of record.`;
  return undefined;
}

/** `POST /v1/partners/validateresellers` (§7.1): one result per ID, in the order given. */
export function validateResellers(engine: Engine, provider: PartnerRecord, ids: readonly string[]): { validationResults: ResellerValidation[] } {
  return {
    validationResults: ids.map((partnerId) => {
      const problem = partnerOfRecordProblem(engine, provider, partnerId.trim());
      return problem === undefined
        ? { partnerId, isValidPartnerIdOnRecord: true }
        : { partnerId, isValidPartnerIdOnRecord: false, errorCode: POR_NOT_VALID_CODE, errorDescription: problem };
    }),
  };
}
