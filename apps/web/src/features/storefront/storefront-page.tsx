import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useSession } from '../auth/session';
import { CompanyPicker } from '../channel/company-picker';
import { useApi } from '../../api/use-api';
import type { Company } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { NewServicePage } from '../new-service/new-service-page';
import { CatalogBrowser } from '../orders/catalog-browser';
import { NewOrderModal } from '../orders/new-order-modal';
import { OrdersTab } from '../orders/orders-tab';
import type { CatalogProduct, CatalogSku } from '@csphub/server/contract';
import { useLinkedTenants } from '../orders/use-linked-tenants';
import { describeProblem } from '../../i18n/problem-text';

/**
 * The storefront checkout: a customer admin orders for its own company; a reseller picks
 * one of its customers first. Products are ordered through the same order flow as a company's
 * Orders tab (the server checks the caller may order for that company); without a linked tenant the
 * store offers the New service wizard first. Distributor staff order from company pages.
 */
export function StorefrontPage() {
  const { t } = useI18n();
  const { session, can } = useSession();
  if (!session) return null;
  const kind = session.company.kind;
  const title = (
    <Title order={1}>
      {t('store.title')}
    </Title>
  );
  if (kind === 'distributor' || !can('company.update')) {
    return (
      <Stack maw={960}>
        {title}
        <Alert color="blue">{t('store.notForYou')}</Alert>
      </Stack>
    );
  }
  return (
    <Stack maw={1100}>
      {title}
      {kind === 'customer' ? (
        <>
          <Text c="dimmed">{t('store.intro.customer', { company: session.company.name })}</Text>
          <Store company={session.company} />
        </>
      ) : (
        <ResellerStore />
      )}
    </Stack>
  );
}

/** A reseller's store: a searchable pick of its customers (kept in the address), then that customer's store. */
function ResellerStore() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const chosenId = Number(params.get('company'));
  const chosenCompany = useApi<Company>(Number.isInteger(chosenId) && chosenId > 0 ? `/api/v1/companies/${chosenId}` : null);
  const chosen = chosenCompany.data && chosenCompany.data.id === chosenId && chosenCompany.data.kind === 'customer' ? { id: chosenCompany.data.id, name: chosenCompany.data.name } : null;
  return (
    <Stack>
      <Text c="dimmed">{t('store.intro.reseller')}</Text>
      {chosenCompany.error && (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text size="sm">{t('store.treeError', { message: describeProblem(chosenCompany.error) })}</Text>
            <Button size="xs" variant="light" onClick={chosenCompany.reload}>
              {t('store.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      <CompanyPicker
        label={t('store.customer')}
        placeholder={t('store.customerPlaceholder')}
        kind="customer"
        value={chosen}
        onChange={(picked) => setParams(picked ? { company: String(picked.id) } : {}, { replace: true })}
        nothingFound={t('store.noCustomers')}
        maw={420}
        showId
        testId="store-customer"
      />
      {!chosen && !chosenCompany.loading && <Text c="dimmed">{t('store.pickCustomer')}</Text>}
      {chosen && <Store key={chosen.id} company={chosen} />}
    </Stack>
  );
}

/** One company's store: Products (catalog, order form, orders) when a tenant is linked; the tenant wizard otherwise. */
function Store({ company }: { company: { id: number; name: string } }) {
  const { t } = useI18n();
  const tenants = useLinkedTenants(company.id);
  const [tab, setTab] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ sku: CatalogSku; product: CatalogProduct } | null>(null);
  const [ordersKey, setOrdersKey] = useState(0);
  if (!tenants.loaded && !tenants.error) {
    return (
      <Group aria-busy>
        <Loader size="sm" />
        <Text>{t('store.loading')}</Text>
      </Group>
    );
  }
  if (tenants.error && !tenants.loaded) {
    return (
      <Alert color="red" role="alert" data-testid="store-error">
        <Group justify="space-between">
          <Text size="sm">{t('store.error', { message: describeProblem(tenants.error) })}</Text>
          <Button size="xs" variant="light" onClick={tenants.reload}>
            {t('store.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const linked = tenants.linked;
  const current = tab ?? (linked.length > 0 ? 'products' : 'tenant');
  const switchTo = (next: string | null) => {
    setTab(next);
    // A tenant set up in the other tab counts at once.
    if (next === 'products') tenants.reload();
  };
  return (
    <Tabs value={current} onChange={switchTo} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="products" data-testid="store-tab-products">
          {t('store.tab.products')}
        </Tabs.Tab>
        <Tabs.Tab value="tenant" data-testid="store-tab-tenant">
          {t('store.tab.tenant')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="products" pt="md">
        {linked.length === 0 ? (
          <Alert color="yellow" data-testid="store-no-tenant">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('store.noTenant', { company: company.name })}</Text>
              <Button size="xs" onClick={() => setTab('tenant')}>
                {t('store.setUpTenant')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Stack data-testid="store-products">
            {linked.map((l) => (
              <Text key={l.connection.id} size="sm" c="dimmed">
                {t('store.tenantReady', { domain: l.defaultDomain ?? l.tenantId ?? '' })}
              </Text>
            ))}
            <Text>{t('store.pickProduct')}</Text>
            <CatalogBrowser companyId={company.id} connectionId={linked[0]?.connection.id} onPick={(sku, product) => setPicked({ sku, product })} />
            <OrdersTab key={ordersKey} company={company} />
          </Stack>
        )}
      </Tabs.Panel>
      <Tabs.Panel value="tenant" pt="md">
        <NewServicePage storefrontCompanyId={company.id} />
      </Tabs.Panel>
      {picked && (
        <NewOrderModal
          opened
          onClose={() => setPicked(null)}
          companyId={company.id}
          companyName={company.name}
          linked={linked}
          initialPick={picked}
          onPlaced={() => setOrdersKey((k) => k + 1)}
        />
      )}
    </Tabs>
  );
}
