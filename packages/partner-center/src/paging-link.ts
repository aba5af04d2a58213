/** The version segment every Partner Center REST path starts with (docs/PARTNER-CENTER-REFERENCE.md §1.1). */
export const partnerCenterApiVersion = 'v1';

/**
 * Turns a Partner Center collection link (`links.next.uri`, `links.self.uri`) into a path the
 * request pipeline joins to the connection's base URL.
 *
 * Microsoft writes these links relative to the versioned root: `/customers?size=40&seekOperation=Next`,
 * not `/v1/customers?...` (docs/PARTNER-CENTER-REFERENCE.md §2.5); Microsoft's .NET SDK
 * puts `/v1/` in front of the link when it follows it. This does the same, and is liberal in what
 * it accepts: a link that already starts with `/v1/` (older emulators, hand-written fixtures) and
 * an absolute URL are kept as they are (the pipeline still refuses another origin).
 */
export function toPartnerCenterLinkPath(uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return uri;
  const path = uri.startsWith('/') ? uri : `/${uri}`;
  const version = `/${partnerCenterApiVersion}`;
  if (path === version || path.startsWith(`${version}/`) || path.startsWith(`${version}?`)) return path;
  return `${version}${path}`;
}
