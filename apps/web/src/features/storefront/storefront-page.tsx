import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Group, Loader, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useSession } from '../auth/session';
import { useTree } from '../channel/tree-data';
import { useI18n } from '../../i18n/i18n';
import { NewServicePage } from '../new-service/new-service-page';
import { CatalogBrowser } from '../orders/catalog-browser';
import { NewOrderModal } from '../orders/new-order-modal';
import { OrdersTab } from '../orders/orders-tab';
import type { CatalogProduct, CatalogSku } from '../orders/orders-api';
import { useLinkedTenants } from '../orders/use-linked-tenants';
import { describeProblem } from '../../i18n/problem-text';

/**
 * The storefront checkout (B1, C5): a customer admin orders for its own company; a reseller picks
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
  const tree = useTree();
  const [params, setParams] = useSearchParams();
  const customers = (tree.nodes ?? []).filter((n) => n.kind === 'customer' && n.status === 'active').sort((a, b) => a.name.localeCompare(b.name));
  const chosenId = Number(params.get('company'));
  const chosen = customers.find((c) => c.id === chosenId);
  return (
    <Stack>
      <Text c="dimmed">{t('store.intro.reseller')}</Text>
      {tree.loading && !tree.nodes && (
        <Group>
          <Loader size="sm" />
          <Text>{t('store.treeLoading')}</Text>
        </Group>
      )}
      {tree.error && (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text size="sm">{t('store.treeError', { message: describeProblem(tree.error) })}</Text>
            <Button size="xs" variant="light" onClick={tree.refresh}>
              {t('store.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      {tree.nodes && customers.length === 0 && <Alert color="yellow">{t('store.noCustomers')}</Alert>}
      {customers.length > 0 && (
        <Select
          label={t('store.customer')}
          placeholder={t('store.customerPlaceholder')}
          searchable
          nothingFoundMessage={t('store.noCustomers')}
          data={customers.map((c) => ({ value: String(c.id), label: c.name }))}
          value={chosen ? String(chosen.id) : null}
          onChange={(v) => setParams(v ? { company: v } : {}, { replace: true })}
          maw={420}
          data-testid="store-customer"
        />
      )}
      {customers.length > 0 && !chosen && <Text c="dimmed">{t('store.pickCustomer')}</Text>}
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
