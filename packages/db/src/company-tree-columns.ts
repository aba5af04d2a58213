import { companies } from './schema/index';

/**
 * The columns a node of the tree or of a search shows and the prerequisite check reads (a third of
 * the row: lists of companies read only these, bench/reads.bench.ts).
 */
export const treeColumns = {
  id: companies.id,
  kind: companies.kind,
  parentId: companies.parentId,
  path: companies.path,
  name: companies.name,
  domain: companies.domain,
  status: companies.status,
  porStatus: companies.porStatus,
  porErrorDescription: companies.porErrorDescription,
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
