import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney, parseMoney } from '@csphub/domain';
import type { PriceRuleList, Prices, WireMoney } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';

/**
 * A seller's price list (the distributor's prices to resellers, a reseller's to its customers) and
 * the prices of one company at the levels the caller may see; amounts are exact decimals from the
 * API, formatted by Intl in the reader's language.
 */
export function PricesPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const companyId = session?.company.id;
  const rules = useApi<PriceRuleList>(companyId ? `/api/v1/companies/${companyId}/price-rules` : null);
  const [form, setForm] = useState({ buyer: '', productId: '', skuId: '', term: '', currency: 'EUR', validFrom: new Date().toISOString().slice(0, 10), validTo: '', kind: 'margin', percent: 10 as number | string, amount: '' });
  const [lookup, setLookup] = useState({ company: '', productId: '' });
  const [pricesPath, setPricesPath] = useState<string | null>(null);
  const prices = useApi<Prices>(pricesPath);
  if (!session || !companyId) return null;
  const money = (m: WireMoney | null | undefined) => (m ? formatMoney(parseMoney(m.currency, m.amount), locale) : '—');
  const set = (k: keyof typeof form) => (v: string | number | null) => setForm((f) => ({ ...f, [k]: v ?? '' }));
  const add = async () => {
    const [termDuration, billingPlan] = form.term ? form.term.split('/') : [];
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/price-rules`, {
        ...(form.buyer ? { buyerCompanyId: Number(form.buyer) } : {}),
        ...(form.productId ? { productId: form.productId } : {}),
        ...(form.skuId ? { skuId: form.skuId } : {}),
        ...(termDuration ? { termDuration, billingPlan } : {}),
        currency: form.currency,
        validFrom: form.validFrom,
        ...(form.validTo ? { validTo: form.validTo } : {}),
        kind: form.kind,
        ...(form.kind === 'margin' ? { basisPoints: Math.round(Number(form.percent) * 100) } : { amount: form.amount }),
      });
      notifications.show({ color: 'green', message: t('prices.added') });
      rules.reload();
    } catch (e) {
      notifications.show({ color: 'red', message: describeProblem(e) });
    }
  };
  const remove = async (id: string) => {
    try {
      await apiSend('DELETE', `/api/v1/companies/${companyId}/price-rules/${id}`);
      rules.reload();
    } catch (e) {
      notifications.show({ color: 'red', message: describeProblem(e) });
    }
  };
  const termLabel = (duration: string | null, billing: string | null) => (duration && billing ? `${duration} · ${t(billing === 'annual' ? 'prices.billing.annual' : 'prices.billing.monthly')}` : t('prices.anyTerm'));
  return (
    <Stack maw={1100}>
      <Title order={1}>{t('prices.title')}</Title>
      <Text c="dimmed">{t('prices.intro')}</Text>
      <Title order={2}>{t('prices.rules')}</Title>
      {rules.error && <Alert color="red">{describeProblem(rules.error)}</Alert>}
      {rules.data && rules.data.rules.length === 0 && <Text>{t('prices.noRules')}</Text>}
      {rules.data && rules.data.rules.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prices.col.buyer')}</Table.Th>
              <Table.Th>{t('prices.col.scope')}</Table.Th>
              <Table.Th>{t('prices.col.term')}</Table.Th>
              <Table.Th>{t('prices.col.price')}</Table.Th>
              <Table.Th>{t('prices.col.validity')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.data.rules.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.buyerName ?? t('prices.everyone')}</Table.Td>
                <Table.Td>{r.productId ? `${r.productId}${r.skuId ? `:${r.skuId}` : ''}` : t('prices.allProducts')}</Table.Td>
                <Table.Td>{termLabel(r.termDuration, r.billingPlan)}</Table.Td>
                <Table.Td>{r.kind === 'fixed' ? money(r.amount) : t('prices.marginValue', { percent: new Intl.NumberFormat(locale).format((r.basisPoints ?? 0) / 100) })} ({r.currency})</Table.Td>
                <Table.Td>{r.validTo ? t('prices.between', { from: r.validFrom, to: r.validTo }) : t('prices.openEnded', { from: r.validFrom })}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => void remove(r.id)}>
                    {t('prices.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('prices.buyer')} value={form.buyer} onChange={(e) => set('buyer')(e.currentTarget.value)} w={200} />
        <TextInput label={t('prices.product')} value={form.productId} onChange={(e) => set('productId')(e.currentTarget.value)} w={220} />
        <TextInput label={t('prices.sku')} value={form.skuId} onChange={(e) => set('skuId')(e.currentTarget.value)} w={90} />
        <Select
          label={t('prices.term')}
          value={form.term}
          onChange={set('term')}
          data={[{ value: '', label: t('prices.anyTerm') }, ...['P1M/monthly', 'P1Y/monthly', 'P1Y/annual', 'P3Y/monthly', 'P3Y/annual'].map((v) => ({ value: v, label: termLabel(v.split('/')[0]!, v.split('/')[1]!) }))]}
          w={200}
        />
        <TextInput label={t('prices.currency')} value={form.currency} maxLength={3} onChange={(e) => set('currency')(e.currentTarget.value.toUpperCase())} w={90} />
        <TextInput type="date" label={t('prices.validFrom')} value={form.validFrom} onChange={(e) => set('validFrom')(e.currentTarget.value)} />
        <TextInput type="date" label={t('prices.validTo')} value={form.validTo} onChange={(e) => set('validTo')(e.currentTarget.value)} />
        <Select label={t('prices.kind')} value={form.kind} onChange={set('kind')} allowDeselect={false} data={[{ value: 'margin', label: t('prices.margin') }, { value: 'fixed', label: t('prices.fixed') }]} w={260} />
        {form.kind === 'margin' ? (
          <NumberInput label={t('prices.margin')} value={form.percent} onChange={set('percent')} decimalScale={2} w={160} />
        ) : (
          <TextInput label={t('prices.amount')} value={form.amount} onChange={(e) => set('amount')(e.currentTarget.value)} w={200} />
        )}
        <Button onClick={() => void add()}>{t('prices.add')}</Button>
      </Group>
      <Title order={2}>{t('prices.lookup')}</Title>
      <Group align="flex-end">
        <TextInput label={t('prices.company')} value={lookup.company} onChange={(e) => setLookup((l) => ({ ...l, company: e.currentTarget.value }))} w={160} />
        <TextInput label={t('prices.product')} value={lookup.productId} onChange={(e) => setLookup((l) => ({ ...l, productId: e.currentTarget.value }))} w={220} />
        <Button
          disabled={!/^\d+$/.test(lookup.company)}
          onClick={() => setPricesPath(`/api/v1/companies/${lookup.company}/prices${lookup.productId ? `?productId=${encodeURIComponent(lookup.productId)}` : ''}`)}
        >
          {t('prices.show')}
        </Button>
      </Group>
      {prices.error && <Alert color="red">{describeProblem(prices.error)}</Alert>}
      {prices.data && prices.data.lines.length === 0 && <Text>{t('prices.noLines')}</Text>}
      {prices.data && prices.data.lines.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prices.col.sku')}</Table.Th>
              <Table.Th>{t('prices.col.term')}</Table.Th>
              {prices.data.viewer === 'distributor' && <Table.Th>{t('prices.col.distributorCost')}</Table.Th>}
              {prices.data.viewer !== 'customer' && <Table.Th>{t('prices.col.resellerCost')}</Table.Th>}
              <Table.Th>{t('prices.col.customerPrice')}</Table.Th>
              <Table.Th>{t('prices.col.retail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prices.data.lines.map((l) => (
              <Table.Tr key={`${l.productId}:${l.skuId}:${l.termDuration}:${l.billingPlan}`}>
                <Table.Td>{`${l.productId}:${l.skuId}`}</Table.Td>
                <Table.Td>{termLabel(l.termDuration, l.billingPlan)}</Table.Td>
                {prices.data?.viewer === 'distributor' && <Table.Td>{money(l.distributorCost)}</Table.Td>}
                {prices.data?.viewer !== 'customer' && <Table.Td>{money(l.resellerCost)}</Table.Td>}
                <Table.Td>{money(l.customerPrice)}</Table.Td>
                <Table.Td>{money(l.retail)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
