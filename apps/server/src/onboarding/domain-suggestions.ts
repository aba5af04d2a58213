import { isValidDomainPrefix } from '@csphub/domain';

/**
 * Candidate prefixes for a taken one, most natural first: the company's own words, then the prefix
 * with its country, a short word, and numbers. Availability is checked live by the caller; this
 * only proposes valid prefixes (letters and digits, at most 27 characters as Microsoft's UI allows).
 */
export function suggestDomainPrefixes(taken: string, hints: { companyName?: string | null; country?: string | null }): string[] {
  const base = taken.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 22);
  const words = (hints.companyName ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !['sa', 'de', 'cv', 'inc', 'ltd', 'llc', 'gmbh', 'sl', 'sac', 'spa', 'the'].includes(w));
  const country = (hints.country ?? '').toLowerCase();
  const candidates = [
    words.join('').slice(0, 27),
    country ? `${base}${country}` : '',
    `${base}online`,
    `${base}group`,
    `${base}cloud`,
    `${base}1`,
    `${base}2`,
    `${base}365`,
  ];
  return [...new Set(candidates)].filter((c) => c !== base && c.length > 0 && c.length <= 27 && isValidDomainPrefix(c));
}
