import type { Engine } from './engine';
import type { PartnerRecord } from './emulator-state';
import * as pcErrors from '../errors/pc-errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every organisation Microsoft knows by Partner ID: the scenario's partners and resellers. */
export function findByPartnerId(engine: Engine, mpnId: string): { name: string; partnerId: string; isReseller: boolean } | undefined {
  const reseller = Object.values(engine.state.resellers).find((r) => r.partnerId === mpnId);
  if (reseller) return { name: reseller.name, partnerId: reseller.partnerId, isReseller: true };
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
    reseller = Object.values(engine.state.resellers).find((r) => r.partnerId === mpnId)!;
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
