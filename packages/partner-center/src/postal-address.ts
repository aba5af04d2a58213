import type { Address as WireAddress } from './wire/common.schema';

/**
 * A postal address as CSP Hub speaks of it. Microsoft's names (`addressLine1`, ...) stay inside
 * this package (docs/ARCHITECTURE.md, "Which way dependencies point"); field rules are in docs/PARTNER-CENTER-REFERENCE.md §2.1 and §4.
 */
export interface PostalAddress {
  line1: string;
  line2?: string;
  line3?: string;
  city?: string;
  /** State or province code where the country has them (US: two letters). */
  state?: string;
  postalCode?: string;
  /** ISO 3166 alpha-2. */
  country: string;
  region?: string;
  district?: string;
  /** Contact person at the address (required on a customer's default address). */
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
  email?: string;
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** To Partner Center's Address (undefined fields are dropped by JSON). */
export function toWireAddress(a: PostalAddress): WireAddress {
  return {
    addressLine1: a.line1,
    addressLine2: a.line2,
    addressLine3: a.line3,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country.toUpperCase(),
    region: a.region,
    district: a.district,
    firstName: a.firstName,
    lastName: a.lastName,
    phoneNumber: a.phoneNumber,
    emailAddress: a.email,
  };
}

/** From any Partner Center address shape (full Address or the validation's plain one). */
export function fromWireAddress(a: {
  addressLine1: string;
  addressLine2?: string | null;
  addressLine3?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country: string;
  region?: string | null;
  district?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phoneNumber?: string | null;
  emailAddress?: string | null;
}): PostalAddress {
  const out: PostalAddress = { line1: a.addressLine1, country: a.country };
  const set = <K extends keyof PostalAddress>(k: K, v: PostalAddress[K] | null | undefined) => {
    const value = opt(v);
    if (value !== undefined && value !== '') out[k] = value;
  };
  set('line2', a.addressLine2);
  set('line3', a.addressLine3);
  set('city', a.city);
  set('state', a.state);
  set('postalCode', a.postalCode);
  set('region', a.region);
  set('district', a.district);
  set('firstName', a.firstName);
  set('lastName', a.lastName);
  set('phoneNumber', a.phoneNumber);
  set('email', a.emailAddress);
  return out;
}
