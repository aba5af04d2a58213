import type { CompanyKind } from '../channel/company-kind';
import { emailProblem, type EmailProblem } from '../contact/email';
import { phoneProblem, type PhoneProblem } from '../contact/phone';
import { isAddressEmpty, validateAddress, type AddressProblem, type PostalAddress } from '../address/validate-address';

/** The distributor's policy that shapes the prerequisites. */
export interface PrerequisitePolicy {
  /** Refuse free-mail addresses as the company e-mail. */
  requireCorporateEmail: boolean;
  /** Sub-customers must have their own billing address; the reseller fallback is off. */
  requireSubCustomerBillingAddress: boolean;
}

/** What the check needs to know about a company. */
export interface PrerequisiteCompany {
  kind: CompanyKind;
  email?: string | null;
  phone?: string | null;
  registrationNumber?: string | null;
  billingAddress: PostalAddress;
  /** The customer chose "use my reseller's address". */
  billingUsesResellerAddress: boolean;
}

/** The parent reseller of a sub-customer, for the billing-address fallback. */
export interface PrerequisiteReseller {
  name: string;
  billingAddress: PostalAddress;
  registrationNumber?: string | null;
}

export type PrerequisiteKey = 'phone' | 'email' | 'billingAddress';

/** One line of the "ready to provision" checklist. */
export interface PrerequisiteItem {
  key: PrerequisiteKey;
  ok: boolean;
  /** Stable problem codes the UI translates; empty when ok. */
  problems: ({ field: string; code: string; example?: string } & Record<string, unknown>)[];
  /** For the billing address: whose address is used. */
  source?: 'own' | 'reseller';
}

/** The checklist and its verdict. */
export interface PrerequisiteResult {
  ready: boolean;
  items: PrerequisiteItem[];
}

/**
 * The one prerequisite check used by the UI, the API and the provisioning workflows before any
 * call to Microsoft: a valid phone, an e-mail (corporate when the distributor requires it), and a
 * billing address valid for its country. A sub-customer of a reseller with no billing address of its
 * own (or that chose "use my reseller's address") uses the reseller's, unless the distributor
 * requires sub-customers' own billing address.
 */
export function checkPrerequisites(company: PrerequisiteCompany, reseller: PrerequisiteReseller | null, policy: PrerequisitePolicy): PrerequisiteResult {
  const items: PrerequisiteItem[] = [];

  const phone: PhoneProblem | null = phoneProblem(company.phone);
  items.push({ key: 'phone', ok: phone === null, problems: phone ? [{ field: 'phone', code: phone }] : [] });

  const email: EmailProblem | null = emailProblem(company.email, { requireCorporate: policy.requireCorporateEmail });
  items.push({ key: 'email', ok: email === null, problems: email ? [{ field: 'email', code: email }] : [] });

  items.push(billingItem(company, reseller, policy));
  return { ready: items.every((i) => i.ok), items };
}

function billingItem(company: PrerequisiteCompany, reseller: PrerequisiteReseller | null, policy: PrerequisitePolicy): PrerequisiteItem {
  const isSubCustomer = company.kind === 'customer' && reseller !== null;
  const wantsFallback = company.billingUsesResellerAddress || isAddressEmpty(company.billingAddress);
  if (isSubCustomer && wantsFallback) {
    if (policy.requireSubCustomerBillingAddress) {
      return { key: 'billingAddress', ok: false, source: 'own', problems: [{ field: 'billingAddress', code: 'own-address-required' }] };
    }
    const problems = validateAddress(reseller.billingAddress, reseller.registrationNumber);
    return {
      key: 'billingAddress',
      ok: problems.length === 0,
      source: 'reseller',
      problems: problems.map((p: AddressProblem) => ({ ...p, code: `reseller-${p.code}`, reseller: reseller.name })),
    };
  }
  const problems = validateAddress(company.billingAddress, company.registrationNumber);
  return { key: 'billingAddress', ok: problems.length === 0, source: 'own', problems: problems.map((p) => ({ ...p })) };
}
