import { checkPrerequisites, type PrerequisitePolicy, type PrerequisiteResult, type PostalAddress } from '@csphub/domain';
import type { CompanyRow, PrerequisiteRow, Repos } from '@csphub/db';
import { readPolicy } from './policy';
import { problemMessage } from './problem-messages';

/** A company's billing address as the domain sees it. */
export function billingAddressOf(c: Pick<CompanyRow, 'billingLine1' | 'billingLine2' | 'billingCity' | 'billingState' | 'billingPostalCode' | 'billingCountry'>): PostalAddress {
  return { line1: c.billingLine1, line2: c.billingLine2, city: c.billingCity, state: c.billingState, postalCode: c.billingPostalCode, country: c.billingCountry };
}

/** The checklist for a company whose parent (when it is a reseller) is already loaded. */
export function prerequisitesOf(company: PrerequisiteRow, parent: PrerequisiteRow | null | undefined, policy: PrerequisitePolicy): PrerequisiteResult {
  const reseller = parent && parent.kind === 'reseller' ? { name: parent.name, billingAddress: billingAddressOf(parent), registrationNumber: parent.registrationNumber } : null;
  return checkPrerequisites(
    {
      kind: company.kind,
      email: company.email,
      phone: company.phone,
      registrationNumber: company.registrationNumber,
      billingAddress: billingAddressOf(company),
      billingUsesResellerAddress: company.billingUsesResellerAddress,
    },
    reseller,
    policy,
  );
}

/**
 * Loads what the prerequisite check needs (the company's reseller and the distributor's policy) and
 * runs it, with an English message on each problem. The provisioning workflows call this (through
 * their port) before any call to Microsoft; the UI shows the same result as the checklist.
 */
export async function loadPrerequisites(repos: Repos, company: CompanyRow) {
  const [parent, policy] = await Promise.all([company.parentId ? repos.companies.get(company.parentId) : undefined, readPolicy(repos)]);
  const result = prerequisitesOf(company, parent, policy);
  return {
    ready: result.ready,
    policy,
    items: result.items.map((i) => ({ ...i, problems: i.problems.map((p) => ({ ...p, message: problemMessage(i.key, p) })) })),
  };
}
