/**
 * Partner Center's catalog has products, SKUs and availabilities but no categories (docs/PARTNER-CENTER-REFERENCE.md
 * §8). People browse category > product group > product, as distributors' portals present it, so CSP Hub derives both: the category from the product type, the group
 * from the product family the title starts with. Pure and deterministic, so a refresh never moves
 * a product between groups unless its title changes.
 */

/** Families in the order they are tried (longest names first where one prefixes another). */
const FAMILIES = [
  'Microsoft 365',
  'Office 365',
  'Exchange Online',
  'Microsoft Teams',
  'Microsoft Defender',
  'Microsoft Entra ID',
  'Microsoft Intune',
  'Microsoft Purview',
  'SharePoint Online',
  'OneDrive',
  'Dynamics 365',
  'Power BI',
  'Power Apps',
  'Power Automate',
  'Visio',
  'Project',
  'Windows 365',
  'Azure',
];

/** The category of a product type id (`OnlineServicesNCE` → licence-based online services). */
export function catalogCategoryOf(productTypeId: string): string {
  switch (productTypeId) {
    case 'OnlineServicesNCE':
    case 'OnlineServices':
      return 'Online services';
    case 'Azure':
      return 'Azure';
    case 'Software':
    case 'SoftwarePerpetual':
    case 'SoftwareSubscriptions':
      return 'Software';
    default:
      return productTypeId;
  }
}

/** The product group: the known family the title starts with, else its first two words. */
export function productGroupOf(title: string): string {
  const t = title.trim();
  const family = FAMILIES.find((f) => t.toLowerCase().startsWith(f.toLowerCase()));
  if (family) return family;
  return t.split(/\s+/).slice(0, 2).join(' ') || t;
}

/** True when every word of the query appears in one of the texts (case- and accent-insensitive). */
export function matchesCatalogSearch(query: string, texts: readonly string[]): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const hay = fold(texts.join(' '));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** How long a cached catalog is served before the schedule refreshes it. */
export const CATALOG_MAX_AGE_MS = 24 * 3_600_000;

/** True when a catalog loaded at `refreshedAt` is due for a refresh. */
export function isCatalogStale(refreshedAt: Date | null | undefined, now: Date, maxAgeMs = CATALOG_MAX_AGE_MS): boolean {
  return !refreshedAt || now.getTime() - refreshedAt.getTime() >= maxAgeMs;
}
