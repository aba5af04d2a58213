import { MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';

/**
 * Candidate prefixes for a taken one, most natural first: the company's own words, then the prefix
 * with its country, a short word, and numbers. Availability is checked live by the caller; this
 * only proposes valid prefixes (the domain rule: letters and digits, at most 27). A long prefix is
 * shortened before its ending is added, so that long names still get suggestions.
 */
export function suggestDomainPrefixes(taken: string, hints: { companyName?: string | null; country?: string | null }): string[] {
  const base = taken.toLowerCase().replace(/[^a-z0-9]/g, '');
  const words = (hints.companyName ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !['sa', 'de', 'cv', 'inc', 'ltd', 'llc', 'gmbh', 'sl', 'sac', 'spa', 'the'].includes(w));
  const country = (hints.country ?? '').toLowerCase();
  const withEnding = (ending: string) => `${base.slice(0, MAX_DOMAIN_PREFIX_LENGTH - ending.length)}${ending}`;
  const candidates = [
    words.join('').slice(0, MAX_DOMAIN_PREFIX_LENGTH),
    country ? withEnding(country) : '',
    withEnding('online'),
    withEnding('group'),
    withEnding('cloud'),
    withEnding('1'),
    withEnding('2'),
    withEnding('365'),
  ];
  return [...new Set(candidates)].filter((c) => c !== base && isValidDomainPrefix(c));
}
