import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import type { Prices } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { notifications } from '@mantine/notifications';
import { apiSend, ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { CatalogBrowser } from './catalog-browser';
import { newIdempotencyKey } from './idempotency-key';
import type { CatalogProduct, CatalogSku, Order, SyncOptions } from '@csphub/server/contract';
import { CartLines, isQuantityOk, type CartLine } from './cart-lines';
import { describeProblem } from '../../i18n/problem-text';

/**
 * Placing an order: a cart of SKUs picked in the catalog, each with its seats (within its minimum
 * and maximum), term and billing cycle, priced at the reader's levels with the cart's total; and the
 * partner of record confirmed on indirect connections. The server checks everything again (and the
 * MCA first), freezes the prices, and the durable run places the cart as one Partner Center cart.
 */
export function NewOrderModal(props: {
  opened: boolean;
  onClose: () => void;
  companyId: number;
  companyName: string;
  linked: SyncOptions[];
  initialQuantity?: number;
  /** A SKU already chosen (the storefront picks it before the form opens). */
  initialPick?: { sku: CatalogSku; product: CatalogProduct };
  onPlaced: (order: Order) => void;
}) {
  const { t } = useI18n();
  const [connectionId, setConnectionIdState] = useState<string | null>(props.linked[0]?.connection.id ?? null);
  // End dates are offered per connection: another connection drops the ones chosen.
  const setConnectionId = (id: string | null) => {
    setConnectionIdState(id);
    setLines((current) => current.map((l) => ({ ...l, customTermEndDate: null })));
  };
  const [lines, setLines] = useState<CartLine[]>(
    props.initialPick ? [{ ...props.initialPick, quantity: props.initialQuantity ?? props.initialPick.sku.minimumQuantity, term: defaultTerm(props.initialPick.sku) }] : [],
  );
  const [attested, setAttested] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const link = props.linked.find((l) => l.connection.id === connectionId);
  const partnerId = link?.connection.type === 'indirect-provider' ? link.resellerPartnerId : null;
  const prices = useApi<Prices>(connectionId ? `/api/v1/companies/${props.companyId}/prices?connectionId=${connectionId}` : null);
  const canSubmit = lines.length > 0 && lines.every((l) => !!l.term && isQuantityOk(l)) && (!partnerId || attested) && !busy;
  const pick = (sku: CatalogSku, product: CatalogProduct) =>
    setLines((current) => (current.some((l) => l.sku.catalogItemId === sku.catalogItemId) ? current : [...current, { sku, product, quantity: props.initialQuantity ?? sku.minimumQuantity, term: defaultTerm(sku) }]));

  const submit = async () => {
    if (!canSubmit || !connectionId) return;
    setBusy(true);
    setError(null);
    try {
      const order = await apiSend<Order>('POST', `/api/v1/companies/${props.companyId}/orders`, {
        connectionId,
        idempotencyKey: key,
        partnerOfRecordAttested: partnerId ? attested : undefined,
        lines: lines.map((l) => {
          const [termDuration, billingCycle] = (l.term ?? '').split('|') as [string, string];
          return { catalogItemId: l.sku.catalogItemId, quantity: Number(l.quantity), termDuration, billingCycle, ...(l.customTermEndDate ? { customTermEndDate: l.customTermEndDate } : {}) };
        }),
      });
      notifications.show({ color: 'green', message: t('order.submitted', { reference: order.reference }) });
      props.onPlaced(order);
      props.onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('order.modalTitle', { company: props.companyName })} size="xl">
      <Stack>
        {props.linked.length > 1 && (
          <Select label={t('order.connection')} data={props.linked.map((l) => ({ value: l.connection.id, label: l.connection.name }))} value={connectionId} onChange={setConnectionId} allowDeselect={false} />
        )}
        <Text fw={600}>{t('order.pickSku')}</Text>
        <CatalogBrowser companyId={props.companyId} connectionId={connectionId} selectedIds={lines.map((l) => l.sku.catalogItemId)} prices={prices.data} onPick={pick} />
        <CartLines
          lines={lines}
          prices={prices.data}
          onChange={(index, line) => setLines((current) => current.map((l, i) => (i === index ? line : l)))}
          onRemove={(index) => setLines((current) => current.filter((_, i) => i !== index))}
          checkout={{ companyId: props.companyId, connectionId }}
        />
        {partnerId && <Checkbox label={t('order.partnerOfRecord', { partnerId })} checked={attested} onChange={(e) => setAttested(e.currentTarget.checked)} data-testid="order-attest" />}
        {error && (
          <Alert color={error.code === 'MCA_MISSING' ? 'yellow' : 'red'} title={error.code} data-testid="order-error">
            {describeProblem(error)}
            {error.errors.map((x) => (
              <Text key={`${x.field}-${x.message}`} size="sm">
                {x.message}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('order.cancel')}
          </Button>
          <Button onClick={() => void submit()} disabled={!canSubmit} loading={busy} data-testid="order-submit">
            {t('order.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One year billed monthly when the SKU offers it (the usual choice), else its first term. */
function defaultTerm(sku: CatalogSku): string | null {
  const first = sku.terms.find((x) => x.duration === 'P1Y' && x.billingCycle === 'monthly') ?? sku.terms[0];
  return first ? `${first.duration}|${first.billingCycle}` : null;
}
