import { isValidDomainPrefix, MAX_DOMAIN_PREFIX_LENGTH } from '@csphub/domain';

/**
 * The columns of `csphub customers import` (docs/CLI.md, templates/customers-import.csv). `ref` is
 * the row's own key: a re-run with the same file skips what a row already did.
 */
export const IMPORT_COLUMNS = [
  'ref',
  'parentId',
  'name',
  'country',
  'addressLine1',
  'city',
  'state',
  'postalCode',
  'email',
  'phone',
  'language',
  'contactPerson',
  'domainPrefix',
  'culture',
  'connectionId',
  'resellerPartnerId',
  'mcaFirstName',
  'mcaLastName',
  'mcaEmail',
  'mcaAcceptedAt',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly ImportColumn[] = ['ref', 'parentId', 'name', 'country', 'addressLine1', 'city', 'postalCode', 'email', 'phone', 'domainPrefix', 'culture', 'connectionId', 'mcaFirstName', 'mcaLastName', 'mcaEmail', 'mcaAcceptedAt'];

/** One import row checked: the company and the order it makes, or the first field that is wrong and why. */
export type CheckedRow =
  | { ok: true; ref: string; parentId: number; company: Record<string, unknown>; order: Record<string, unknown>; connectionId: string; domainPrefix: string; resellerPartnerId: string | null }
  | { ok: false; ref: string; field: string; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks one row without the network: required fields and their formats (the API checks them again). */
export function checkRow(r: Record<string, string>, today: Date): CheckedRow {
  const ref = r.ref ?? '';
  const bad = (field: string, reason: string): CheckedRow => ({ ok: false, ref, field, reason });
  for (const c of REQUIRED) if (!r[c]) return bad(c, 'is empty');
  if (!/^\d+$/.test(r.parentId!)) return bad('parentId', 'is not a company number');
  if (!/^[A-Za-z]{2}$/.test(r.country!)) return bad('country', 'is not a two-letter country code (ISO 3166-1)');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email!)) return bad('email', 'is not an e-mail address');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.mcaEmail!)) return bad('mcaEmail', 'is not an e-mail address');
  const prefix = r.domainPrefix!.toLowerCase();
  if (!isValidDomainPrefix(prefix)) return bad('domainPrefix', `letters and digits only, at most ${MAX_DOMAIN_PREFIX_LENGTH}`);
  if (!/^[a-z]{2}-[A-Z]{2}$/.test(r.culture!)) return bad('culture', 'is not a culture such as es-MX');
  if (!UUID.test(r.connectionId!)) return bad('connectionId', 'is not a connection id (a UUID)');
  const accepted = new Date(r.mcaAcceptedAt!);
  if (!/^\d{4}-\d{2}-\d{2}/.test(r.mcaAcceptedAt!) || Number.isNaN(accepted.getTime())) return bad('mcaAcceptedAt', 'is not a date (YYYY-MM-DD)');
  if (accepted.getTime() > today.getTime()) return bad('mcaAcceptedAt', 'is in the future');
  const opt = (c: ImportColumn) => (r[c] ? r[c] : null);
  return {
    ok: true,
    ref,
    parentId: Number(r.parentId),
    connectionId: r.connectionId!,
    domainPrefix: prefix,
    resellerPartnerId: opt('resellerPartnerId'),
    company: {
      parentId: Number(r.parentId),
      kind: 'customer',
      name: r.name,
      country: r.country!.toUpperCase(),
      addressLine1: r.addressLine1,
      city: r.city,
      state: opt('state'),
      postalCode: r.postalCode,
      email: r.email,
      phone: r.phone,
      contactPerson: opt('contactPerson'),
      // The billing address is the company's address (Microsoft bills the customer there).
      billingLine1: r.addressLine1,
      billingCity: r.city,
      billingState: opt('state'),
      billingPostalCode: r.postalCode,
      billingCountry: r.country!.toUpperCase(),
      ...(r.language ? { language: r.language } : {}),
    },
    order: {
      connectionId: r.connectionId,
      domainPrefix: prefix,
      culture: r.culture,
      defaultGdap: true,
      resellerPartnerId: opt('resellerPartnerId'),
      attestation: { firstName: r.mcaFirstName, lastName: r.mcaLastName, email: r.mcaEmail, acceptedAt: r.mcaAcceptedAt },
      notifyMe: false,
    },
  };
}
