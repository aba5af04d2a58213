import { countryRules, defaultConnectionFor } from '@csphub/domain';
import type { AccountSyncOptionsRow, CompanyRow, ConnectionSummary, Repos } from '@csphub/db';
import { loadPrerequisites } from '../channel/company-prerequisites';

/**
 * The languages a new tenant may be created in. The tenant's culture is `<language>-<billing
 * country>` (how the provisioning run builds it from the account), so the choice is the language.
 */
const COMMON_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'pl'];

/** Everything the wizard's Configuration and Order review need about one account. */
export interface OnboardingContext {
  company: CompanyRow;
  parent: CompanyRow | undefined;
  distributor: CompanyRow;
  /** The reseller selling to this customer (its parent), or null for a direct customer. */
  reseller: CompanyRow | null;
  connections: ConnectionSummary[];
  defaultConnectionId: string | null;
  syncOptions: AccountSyncOptionsRow[];
  cultures: string[];
  defaultCulture: string;
  prerequisites: Awaited<ReturnType<typeof loadPrerequisites>>;
}

/**
 * Loads the account's place in the channel and the distributor's connections. The default
 * connection follows the customer's country and market (`defaultConnectionFor`: a Colombian
 * customer goes through the Latin American account); the default culture comes from the country's rules.
 */
export async function loadOnboardingContext(repos: Repos, company: CompanyRow): Promise<OnboardingContext> {
  const [parent, distributor, syncOptions, prerequisites] = await Promise.all([
    company.parentId ? repos.companies.get(company.parentId) : Promise.resolve(undefined),
    repos.companies.root(),
    repos.syncOptions.listForCompany(company.id),
    loadPrerequisites(repos, company),
  ]);
  const root = distributor ?? company;
  const connections = await repos.connections.list(root.id);
  const country = (company.billingCountry ?? company.country ?? parent?.country ?? '').toUpperCase();
  const reseller = parent && parent.kind === 'reseller' ? parent : null;
  const byMarket = defaultConnectionFor(connections, { country, resellerCountry: reseller?.billingCountry ?? reseller?.country ?? null });
  const region = country || 'US';
  const accountLanguage = (company.language || 'en').slice(0, 2).toLowerCase();
  const countryLanguage = (countryRules(region)?.defaultCulture ?? 'en-US').slice(0, 2).toLowerCase();
  const defaultCulture = `${accountLanguage}-${region}`;
  return {
    company,
    parent,
    distributor: root,
    reseller,
    connections,
    defaultConnectionId: byMarket?.id ?? null,
    syncOptions,
    cultures: [...new Set([accountLanguage, countryLanguage, ...COMMON_LANGUAGES])].map((l) => `${l}-${region}`),
    defaultCulture,
    prerequisites,
  };
}
