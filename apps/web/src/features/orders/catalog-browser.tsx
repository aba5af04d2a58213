import { useState } from 'react';
import { Accordion, Alert, Badge, Button, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { useDebouncedValue } from '../new-service/use-debounced-value';
import { categoryLabel } from './category-label';
import type { Catalog, CatalogProduct, CatalogSku, Prices } from '@csphub/server/contract';
import { PriceLevelsText, priceOf } from './price-levels';
import { termLabel } from './term-label';
import { describeProblem } from '../../i18n/problem-text';

/** An accordion value usable in an id (Mantine builds aria-controls from it; spaces would break the reference). */
const accordionValue = (name: string) => name.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * Browses the catalog a company can buy from: category > product group > product > SKU, with a
 * search box, and each SKU's price for its usual term at the levels the reader may see (the
 * company's prices: a reseller sees its cost and its customer's price). `onPick` makes each SKU a
 * button (ordering); `renderProductActions` adds the distributor's hide/show. A caller that already
 * reads the prices passes them as `prices`.
 */
export function CatalogBrowser(props: {
  companyId: number;
  connectionId?: string | null | undefined;
  country?: string | null | undefined;
  onPick?: (sku: CatalogSku, product: CatalogProduct) => void;
  /** The SKUs already chosen (in the cart). */
  selectedIds?: readonly string[] | undefined;
  prices?: Prices | undefined;
  renderProductActions?: (product: CatalogProduct) => React.ReactNode;
  reloadKey?: number;
}) {
  const { t, formatRelative } = useI18n();
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, 250);
  const params = new URLSearchParams();
  if (props.connectionId) params.set('connectionId', props.connectionId);
  if (props.country) params.set('country', props.country);
  if (debounced.trim()) params.set('q', debounced.trim());
  params.set('r', String(props.reloadKey ?? 0));
  const catalog = useApi<Catalog>(`/api/v1/companies/${props.companyId}/catalog?${params}`);
  const c = catalog.data;
  const ownPrices = useApi<Prices>('prices' in props ? null : `/api/v1/companies/${props.companyId}/prices?${priceParams(props)}`);
  const prices = 'prices' in props ? props.prices : ownPrices.data;
  const selected = (id: string) => props.selectedIds?.includes(id) ?? false;
  return (
    <Stack gap="sm">
      <TextInput leftSection={<IconSearch size={16} />} label={t('catalog.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} data-testid="catalog-search" />
      {catalog.loading && !c && (
        <Group>
          <Loader size="sm" />
          <Text>{t('catalog.loading')}</Text>
        </Group>
      )}
      {catalog.error && <Alert color="red">{t('catalog.error', { message: describeProblem(catalog.error) })}</Alert>}
      {c && !c.connection && <Alert color="yellow">{t('catalog.noConnection')}</Alert>}
      {c?.snapshot.lastError && <Alert color="yellow">{t('catalog.lastError', { message: c.snapshot.lastError })}</Alert>}
      {c?.snapshot.refreshedAt && (
        <Text size="xs" c="dimmed">
          {t('catalog.refreshedAt', { time: formatRelative(c.snapshot.refreshedAt), count: c.snapshot.entryCount, calls: c.snapshot.partnerCenterCalls, ms: c.snapshot.durationMs })}
        </Text>
      )}
      {c && c.connection && c.categories.length === 0 && !catalog.loading && <Text c="dimmed">{t('catalog.empty')}</Text>}
      {c && c.categories.length > 0 && (
        <Accordion multiple defaultValue={c.categories.map((x) => accordionValue(x.name))} variant="separated">
          {c.categories.map((category) => (
            <Accordion.Item key={category.name} value={accordionValue(category.name)}>
              <Accordion.Control data-testid="catalog-category">{categoryLabel(t, category.name)}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  {category.groups.map((group) => (
                    <Stack key={group.name} gap={4}>
                      <Text fw={600} size="sm">
                        {group.name}
                      </Text>
                      {group.products.map((product) => (
                        <Stack key={product.id} gap={2} pl="sm" data-testid={`catalog-product-${product.id}`}>
                          <Group gap="xs">
                            <Text size="sm">{product.title}</Text>
                            {product.hidden && <Badge color="gray">{t('catalog.hidden')}</Badge>}
                            {props.renderProductActions?.(product)}
                          </Group>
                          {product.skus.map((sku) =>
                            props.onPick ? (
                              <UnstyledButton
                                key={sku.catalogItemId}
                                onClick={() => props.onPick!(sku, product)}
                                aria-pressed={selected(sku.catalogItemId)}
                                p={4}
                                style={{ borderRadius: 6, outline: selected(sku.catalogItemId) ? '2px solid var(--mantine-color-indigo-5)' : undefined }}
                                data-testid={`pick-${sku.catalogItemId}`}
                              >
                                <SkuLine sku={sku} productId={product.id} prices={prices} />
                              </UnstyledButton>
                            ) : (
                              <SkuLine key={sku.catalogItemId} sku={sku} productId={product.id} prices={prices} />
                            ),
                          )}
                        </Stack>
                      ))}
                    </Stack>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {catalog.error && (
        <Button variant="default" size="xs" onClick={catalog.reload}>
          {t('home.status.retry')}
        </Button>
      )}
    </Stack>
  );
}

/** One SKU: its title, seat limits, list price and the reader's prices for its usual term. */
function SkuLine({ sku, productId, prices }: { sku: CatalogSku; productId: string; prices: Prices | undefined }) {
  const { t, formatCurrency } = useI18n();
  const term = sku.terms.find((x) => x.duration === 'P1Y' && x.billingCycle === 'monthly') ?? sku.terms[0];
  const price = term ? priceOf(prices, productId, sku.skuId, term.duration, term.billingCycle) : undefined;
  return (
    <Group gap="xs" data-testid={`sku-${sku.catalogItemId}`}>
      <Text size="sm">{sku.title}</Text>
      <Text size="xs" c="dimmed">
        {t('catalog.seats', { min: sku.minimumQuantity, max: sku.maximumQuantity })}
      </Text>
      {sku.listPrice !== null && (
        <Text size="xs" c="dimmed">
          {t('catalog.listPrice', { price: formatCurrency(sku.listPrice, sku.currency) })}
        </Text>
      )}
      {price && term && (
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            {termLabel(t, term.duration, term.billingCycle)}:
          </Text>
          <PriceLevelsText price={price} testId="sku-price" />
        </Group>
      )}
    </Group>
  );
}

/** The query of the prices that go with the catalog being browsed. */
function priceParams(props: { connectionId?: string | null | undefined; country?: string | null | undefined }): string {
  const q = new URLSearchParams();
  if (props.connectionId) q.set('connectionId', props.connectionId);
  if (props.country && props.country.length === 2) q.set('country', props.country);
  return q.toString();
}
