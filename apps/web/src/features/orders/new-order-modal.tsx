import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend, ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { CatalogBrowser } from './catalog-browser';
import { newIdempotencyKey } from './idempotency-key';
import type { CatalogProduct, CatalogSku, Order, SyncOptions } from '@csphub/server/contract';
import { termLabel } from './term-label';
import { describeProblem } from '../../i18n/problem-text';

/**
 * Placing an order: pick a SKU in the catalog, the seats (within its minimum and maximum), the term
 * and billing cycle, and confirm the partner of record on indirect connections. The server checks
 * everything again (and the MCA first) before the durable run places the order.
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
  const [connectionId, setConnectionId] = useState<string | null>(props.linked[0]?.connection.id ?? null);
  const [picked, setPicked] = useState<{ sku: CatalogSku; product: CatalogProduct } | null>(props.initialPick ?? null);
  const [quantity, setQuantity] = useState<number | string>(props.initialQuantity ?? props.initialPick?.sku.minimumQuantity ?? 1);
  const [term, setTerm] = useState<string | null>(props.initialPick ? defaultTerm(props.initialPick.sku) : null);
  const [attested, setAttested] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const link = props.linked.find((l) => l.connection.id === connectionId);
  const partnerId = link?.connection.type === 'indirect-provider' ? link.resellerPartnerId : null;
  const terms = picked?.sku.terms.map((x) => ({ value: `${x.duration}|${x.billingCycle}`, label: termLabel(t, x.duration, x.billingCycle) })) ?? [];
  const q = typeof quantity === 'number' ? quantity : Number(quantity);
  const quantityOk = !!picked && Number.isInteger(q) && q >= picked.sku.minimumQuantity && q <= picked.sku.maximumQuantity;
  const canSubmit = !!picked && !!term && quantityOk && (!partnerId || attested) && !busy;

  const submit = async () => {
    if (!picked || !term || !connectionId) return;
    const [termDuration, billingCycle] = term.split('|') as [string, string];
    setBusy(true);
    setError(null);
    try {
      const order = await apiSend<Order>('POST', `/api/v1/companies/${props.companyId}/orders`, {
        connectionId,
        idempotencyKey: key,
        partnerOfRecordAttested: partnerId ? attested : undefined,
        lines: [{ catalogItemId: picked.sku.catalogItemId, quantity: q, termDuration, billingCycle }],
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
        <Text fw={600}>{picked ? t('order.selected', { product: picked.sku.title }) : t('order.pickSku')}</Text>
        <CatalogBrowser
          companyId={props.companyId}
          connectionId={connectionId}
          selectedId={picked?.sku.catalogItemId}
          onPick={(sku, product) => {
            setPicked({ sku, product });
            setTerm(defaultTerm(sku));
          }}
        />
        {picked && (
          <Group align="flex-end" grow>
            <NumberInput
              label={t('order.quantity')}
              description={t('order.quantityHint', { min: picked.sku.minimumQuantity, max: picked.sku.maximumQuantity })}
              min={picked.sku.minimumQuantity}
              max={picked.sku.maximumQuantity}
              value={quantity}
              onChange={setQuantity}
              allowDecimal={false}
              error={!quantityOk ? t('order.quantityHint', { min: picked.sku.minimumQuantity, max: picked.sku.maximumQuantity }) : undefined}
              data-testid="order-quantity"
            />
            <Select label={t('order.term')} data={terms} value={term} onChange={setTerm} allowDeselect={false} data-testid="order-term" />
          </Group>
        )}
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
