/**
 * The longest onmicrosoft.com prefix CSP Hub accepts. Microsoft documents no maximum
 * (docs/PARTNER-CENTER-REFERENCE.md §3); 27 is the emulator's choice (docs/EMULATOR-DIFFERENCES.md) and one
 * rule everywhere, so a prefix the wizard calls valid is never refused when the run creates the tenant.
 */
export const MAX_DOMAIN_PREFIX_LENGTH = 27;

/** Why a prefix cannot go in front of onmicrosoft.com, most basic reason first. */
export type DomainPrefixProblem = 'empty' | 'characters' | 'too-long';

/**
 * The reason a prefix is not valid, or null: letters and digits only (Entra's rule; §3), 1 to
 * {@link MAX_DOMAIN_PREFIX_LENGTH} of them. Leading and trailing spaces are the caller's to trim.
 * Availability is a separate, live check against Partner Center.
 */
export function domainPrefixProblem(prefix: string): DomainPrefixProblem | null {
  if (prefix === '') return 'empty';
  if (!/^[a-z0-9]+$/i.test(prefix)) return 'characters';
  if (prefix.length > MAX_DOMAIN_PREFIX_LENGTH) return 'too-long';
  return null;
}

/** True for a prefix that may go in front of onmicrosoft.com (see {@link domainPrefixProblem}). */
export function isValidDomainPrefix(prefix: string): boolean {
  return domainPrefixProblem(prefix) === null;
}
