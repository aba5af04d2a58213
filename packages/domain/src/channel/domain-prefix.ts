/**
 * True for a prefix that may go in front of onmicrosoft.com: letters and digits only (Entra's rule;
 * partner-center-api.md §3 says Microsoft documents no more), at most 63 characters as a DNS label.
 * Availability is a separate, live check against Partner Center.
 */
export function isValidDomainPrefix(prefix: string): boolean {
  return /^[a-z0-9]{1,63}$/i.test(prefix);
}
