import { Link } from 'react-router';
import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';

/**
 * "New service" on a customer's company page: for people who may order for it (sync.manage on the
 * subtree, or the customer's own admin: the storefront checkout of a direct customer).
 */
export function NewServiceButton({ company }: { company: { id: number; kind: string; status: string } }) {
  const { t } = useI18n();
  const { can, session } = useSession();
  const mayOrder = can('sync.manage') || (session?.user.role === 'customer_admin' && session.company.id === company.id);
  if (company.kind !== 'customer' || company.status !== 'active' || !mayOrder) return null;
  return (
    <Button component={Link} to={`/companies/${company.id}/new-service`} size="sm" leftSection={<IconPlus size={16} />}>
      {t('ns.newService')}
    </Button>
  );
}
