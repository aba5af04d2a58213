import { Alert } from '@mantine/core';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { NewServicePage } from './new-service-page';

/**
 * The storefront checkout (B1, C5): a customer admin orders Microsoft services for its own company
 * (a direct customer gets the distributor's direct invitation link). Others order from a company page.
 */
export function StorefrontPage() {
  const { t } = useI18n();
  const { session } = useSession();
  if (!session) return null;
  if (session.company.kind !== 'customer') return <Alert color="blue">{t('ns.storefrontCustomersOnly')}</Alert>;
  return <NewServicePage storefrontCompanyId={session.company.id} />;
}
