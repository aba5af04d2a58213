/** Legal suffixes Partner Center refuses as a whole company name (docs/PARTNER-CENTER-REFERENCE.md §4). */
const BARE_SUFFIXES = new Set([
  'llc', 'inc', 'ltd', 'corp', 'co', 'gmbh', 'ag', 'sa', 'sl', 'srl', 'sas', 'sac', 'bv', 'nv', 'plc', 'spa', 'ltda', 'limited', 'company', 'corporation',
]);

/**
 * Why a company name would be refused by Microsoft, or null when it is acceptable. Checked before
 * any call so the user fixes it in the form rather than after a failed provisioning run.
 */
export function companyNameProblem(name: string): 'required' | 'too-short' | 'no-letters' | 'bare-suffix' | 'too-long' | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > 200) return 'too-long';
  if ([...trimmed].length < 2) return 'too-short';
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return 'no-letters';
  const bare = trimmed.toLowerCase().replace(/[.,\s]/g, '');
  if (BARE_SUFFIXES.has(bare)) return 'bare-suffix';
  return null;
}

/** True for a plausible internet domain (`contoso.com`), as companies enter their main domain. */
export function isValidDomainName(domain: string): boolean {
  if (domain.length > 253) return false;
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain);
}
