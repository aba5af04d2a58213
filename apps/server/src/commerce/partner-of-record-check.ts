import { AppError, mayOrderAsPartnerOfRecord, partnerOfRecordIdOf } from '@csphub/domain';
import type { CompanyRow, Repos } from '@csphub/db';
import type { LinkedTenant } from './linked-tenants';

/**
 * Partner of record by location (docs/PARTNER-CENTER-REFERENCE.md §7.1): a transaction naming a
 * reseller Microsoft last called ineligible (validateresellers, revalidated daily) is refused here,
 * with what to do, before anything is sent to Partner Center. `what` names the transaction ("this
 * order", "adding seats"). Direct connections and accounts without a reseller of record pass.
 */
export async function requireValidPartnerOfRecord(repos: Repos, company: CompanyRow, tenant: LinkedTenant, what: string): Promise<void> {
  if (tenant.connection.type !== 'indirect-provider' || !tenant.resellerPartnerId) return;
  const parent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
  const holder = parent?.kind === 'reseller' && partnerOfRecordIdOf(parent) === tenant.resellerPartnerId ? parent : (await repos.companies.findByPartnerId(tenant.resellerPartnerId)).find((c) => c.kind === 'reseller');
  if (!holder || mayOrderAsPartnerOfRecord(holder)) return;
  const microsoft = `Microsoft ${holder.porErrorCode ?? ''}: ${holder.porErrorDescription ?? 'not valid as partner of record'}`.replace(' :', ':');
  throw new AppError(
    'RESELLER_NOT_PARTNER_OF_RECORD',
    `Microsoft does not accept ${holder.name} (Partner Location ID ${tenant.resellerPartnerId}) as partner of record, so ${what} cannot go ahead. The distributor must correct the reseller's Partner Location ID on its company page, or the reseller must renew its authorization with the distributor in Partner Center; then revalidate the reseller. Nothing was ${what === 'this order' ? 'ordered' : 'changed'}.`,
    [{ field: 'partnerOfRecord', message: microsoft }],
  );
}
