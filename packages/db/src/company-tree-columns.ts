import { companies } from './schema/index';

/** What a scope check needs of a company and what a list scoped to it names: identity, place in the tree, name. */
export const scopeColumns = { id: companies.id, kind: companies.kind, parentId: companies.parentId, path: companies.path, name: companies.name };

/** The columns the prerequisite check reads of a company (its readiness: contact, registration, billing address). */
export const prerequisiteColumns = {
  id: companies.id,
  kind: companies.kind,
  parentId: companies.parentId,
  name: companies.name,
  status: companies.status,
  email: companies.email,
  phone: companies.phone,
  registrationNumber: companies.registrationNumber,
  billingLine1: companies.billingLine1,
  billingLine2: companies.billingLine2,
  billingCity: companies.billingCity,
  billingState: companies.billingState,
  billingPostalCode: companies.billingPostalCode,
  billingCountry: companies.billingCountry,
  billingUsesResellerAddress: companies.billingUsesResellerAddress,
};

/**
 * The columns a node of the tree or of a search shows and the prerequisite check reads (a third of
 * the row: lists of companies read only these, bench/reads.bench.ts).
 */
export const treeColumns = {
  ...prerequisiteColumns,
  path: companies.path,
  domain: companies.domain,
  porStatus: companies.porStatus,
  porErrorDescription: companies.porErrorDescription,
};
