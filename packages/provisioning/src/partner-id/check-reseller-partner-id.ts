/**
 * The one check of a reseller Partner ID, shared by both branches of the
 * onboarding wizard (new tenant, existing tenant) and by the runs that follow them, so that a
 * Partner ID is judged with the same rules and the same words everywhere.
 *
 * It talks to Partner Center through {@link ResellerDirectory}, a port the typed client satisfies
 * as it is (`lookupPartnerId`, `listIndirectResellers`, `hasSignedMpa`); provisioning never imports
 * the client. Failures are matched on their `code` (docs/ARCHITECTURE.md), never on a class.
 */

/** An indirect reseller as the provider's network lists it (docs/PARTNER-CENTER-REFERENCE.md §7). */
export interface NetworkReseller {
  tenantId: string;
  name: string;
  partnerId: string;
  isActive: boolean;
}

/** What the check needs from Partner Center (a subset of the typed client). */
export interface ResellerDirectory {
  lookupPartnerId(partnerId: string): Promise<{ partnerId: string; name: string }>;
  listIndirectResellers(): Promise<NetworkReseller[]>;
  hasSignedMpa(reseller: { partnerId: string }): Promise<boolean>;
  /**
   * Microsoft's verdict on IDs as partner of record (`validateresellers`,
   * docs/PARTNER-CENTER-REFERENCE.md §7.1). Optional: without it the check stops at the MPA.
   */
  validateResellers?(partnerIds: readonly string[]): Promise<{ partnerId: string; isValid: boolean; errorCode?: number; errorDescription?: string }[]>;
}

/** The verdict, with a sentence a person can act on. UIs translate by `status`. */
export type ResellerPartnerIdVerdict =
  /** Nothing entered: allowed while the reseller's Partner ID is pending (the seeds allow it). */
  | { status: 'empty'; message: string }
  | { status: 'invalid-format'; partnerId: string; message: string }
  | { status: 'unknown'; partnerId: string; message: string }
  /** The caller may not name this Partner ID (only the distributor picks another reseller). */
  | { status: 'not-allowed'; partnerId: string; message: string }
  /** `partnerName` is absent when the caller may not learn it (see `revealName`). */
  | { status: 'not-in-network'; partnerId: string; partnerName?: string; message: string }
  | { status: 'mpa-not-signed'; partnerId: string; partnerName?: string; resellerTenantId: string; message: string }
  /** Microsoft knows the ID as an indirect reseller's, but the network lists the reseller under its location ID (PLA): a global ID. */
  | { status: 'global-id'; partnerId: string; partnerName?: string; message: string }
  /** Microsoft refuses the ID as partner of record: a global ID (PGA) rather than the location ID, or a lapsed authorization. */
  | { status: 'not-partner-of-record'; partnerId: string; partnerName?: string; resellerTenantId: string; reason: string; message: string }
  | { status: 'ok'; partnerId: string; partnerName?: string; resellerTenantId: string; message: string };

export type ResellerPartnerIdStatus = ResellerPartnerIdVerdict['status'];

/** Partner IDs (formerly MPN ids) are numeric; Partner Center answers 400 "MPN Id must be numeric" otherwise (docs/PARTNER-CENTER-REFERENCE.md §7). */
const PARTNER_ID = /^\d{1,10}$/;

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** The sentence every failing verdict ends with: what the reseller must do. */
export function authorizeDistributorAdvice(distributorName: string): string {
  return `Authorize ${distributorName} as your CSP by accepting the Microsoft Partner Agreement in Partner Center.`;
}

/**
 * Checks a reseller Partner ID against this connection's network: known to Microsoft, an active
 * indirect reseller of the provider, Microsoft Partner Agreement accepted. Transient failures
 * (Partner Center down, throttled) are thrown, not turned into a warning: the caller shows "try
 * again", never a false "not in your network".
 */
export async function checkResellerPartnerId(
  directory: ResellerDirectory,
  input: {
    partnerId: string | null | undefined;
    distributorName: string;
    /**
     * May the caller learn the partner's name (in its subtree, or the distributor's own network)?
     * When not, the verdict says "Partner ID n" and carries no name. Omitted: the name is shown
     * (runs and other callers acting for the distributor).
     */
    revealName?: (p: { partnerId: string; inNetwork: boolean }) => boolean | Promise<boolean>;
  },
): Promise<ResellerPartnerIdVerdict> {
  const partnerId = (input.partnerId ?? '').trim();
  const advice = authorizeDistributorAdvice(input.distributorName);
  if (partnerId === '') {
    return { status: 'empty', message: 'No Partner ID yet: the order can go ahead, and the reseller is recorded as partner of record once the ID is known.' };
  }
  if (!PARTNER_ID.test(partnerId)) {
    return { status: 'invalid-format', partnerId, message: `A Partner ID is a number of up to 10 digits; "${partnerId}" is not.` };
  }
  let profile: { partnerId: string; name: string };
  try {
    profile = await directory.lookupPartnerId(partnerId);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'PARTNER_ID_UNKNOWN' || code === 'NOT_FOUND') {
      return {
        status: 'unknown',
        partnerId,
        message: `There seems to be a problem with the Partner ID ${partnerId}: Microsoft does not know it. Make sure it is typed correctly. If the problem persists, ${lowerFirst(advice)}`,
      };
    }
    throw e;
  }
  const reseller = (await directory.listIndirectResellers()).find((r) => r.partnerId === profile.partnerId);
  const inNetwork = reseller !== undefined && reseller.isActive;
  const shown = input.revealName ? await input.revealName({ partnerId: profile.partnerId, inNetwork }) : true;
  // Who the partner is, as far as the caller may know it.
  const who = shown ? `${profile.name} (Partner ID ${partnerId})` : `Partner ID ${partnerId}`;
  const named = shown ? { partnerName: profile.name } : {};
  if (!reseller) {
    // Not listed under this ID. Microsoft also knows a reseller by its global Partner ID (PGA), while
    // the network lists its location ID (PLA, docs/PARTNER-CENTER-REFERENCE.md §7.1): an ID that the
    // agreement status finds as an indirect reseller of this region is such another ID, not an
    // outsider, and the person needs to hear "use the PLA", not "not in the network".
    const other = await knownAsIndirectReseller(directory, profile.partnerId);
    if (other) {
      return {
        status: 'global-id',
        partnerId,
        ...named,
        message: `${who} is a Partner ID Microsoft knows for an indirect reseller, but not the Partner Location ID (PLA) that ${input.distributorName}'s network lists for it: it is probably the reseller's global Partner ID. Orders name the reseller's PLA as partner of record; enter the PLA instead.`,
      };
    }
  }
  if (!reseller || !reseller.isActive) {
    return {
      status: 'not-in-network',
      partnerId,
      ...named,
      message: `${who} is not in ${input.distributorName}'s indirect reseller network. ${advice}`,
    };
  }
  let signed: boolean;
  try {
    signed = await directory.hasSignedMpa({ partnerId: profile.partnerId });
  } catch (e) {
    const code = codeOf(e);
    if (code === 'PARTNER_ID_NOT_IN_NETWORK' || code === 'PARTNER_ID_UNKNOWN') {
      // 2201/2204: listed, but not a reseller of this provider's CSP region.
      return {
        status: 'not-in-network',
        partnerId,
        ...named,
        message: `${who} is not in ${input.distributorName}'s indirect reseller network for this region. ${advice}`,
      };
    }
    throw e;
  }
  if (!signed) {
    return {
      status: 'mpa-not-signed',
      partnerId,
      ...named,
      resellerTenantId: reseller.tenantId,
      message: `${who} has not accepted the Microsoft Partner Agreement. ${advice}`,
    };
  }
  if (directory.validateResellers) {
    const [por] = await directory.validateResellers([partnerId]);
    if (por && !por.isValid) {
      const reason = por.errorDescription ?? `code ${por.errorCode ?? 'none'}`;
      return {
        status: 'not-partner-of-record',
        partnerId,
        ...named,
        resellerTenantId: reseller.tenantId,
        reason,
        message: `Microsoft does not accept ${who} as partner of record (Microsoft ${por.errorCode ?? ''}: ${reason}). Use the reseller's Partner Location ID (PLA), not its global Partner ID, and make sure its authorization with ${input.distributorName} is current.`,
      };
    }
  }
  return { status: 'ok', partnerId, ...named, resellerTenantId: reseller.tenantId, message: `${shown ? profile.name : who} is in ${input.distributorName}'s network and has accepted the Microsoft Partner Agreement.` };
}

/**
 * Whether Microsoft's agreement status finds the ID as an indirect reseller of this provider's
 * region (it answers for a location ID and a global ID alike). A refusal (2200 unknown, 2204 not an
 * indirect reseller, 2201 another region, any other business refusal) means no.
 */
async function knownAsIndirectReseller(directory: ResellerDirectory, partnerId: string): Promise<boolean> {
  try {
    await directory.hasSignedMpa({ partnerId });
    return true;
  } catch (e) {
    // An outage is thrown (the caller shows "try again"); any business refusal means no.
    if ((e as { transient?: unknown }).transient === true || codeOf(e) === undefined) throw e;
    return false;
  }
}

/**
 * The verdict for a Partner ID the caller may not name: it says which one it may use and names no
 * partner (the check never reaches Partner Center for it).
 */
export function notAllowedPartnerIdVerdict(partnerId: string, allowed: string | null): ResellerPartnerIdVerdict {
  return {
    status: 'not-allowed',
    partnerId,
    message: allowed
      ? `Partner ID ${partnerId} cannot be used for this account: only the distributor chooses another reseller. Use your reseller Partner ID (${allowed}).`
      : `Partner ID ${partnerId} cannot be used for this account: only the distributor chooses another reseller, and no reseller Partner ID is on file yet.`,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
