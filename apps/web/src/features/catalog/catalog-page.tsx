import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { CatalogBrowser } from '../orders/catalog-browser';
import { describeProblem } from '../../i18n/problem-text';
import type { Connection, ListOf } from '@csphub/server/contract';

/**
 * The distributor's catalog page: browse a connection's catalog per country, refresh
 * it from Partner Center now, and hide products from resellers (or show them again).
 */
export function CatalogPage() {
  const { t } = useI18n();
  const { session, can } = useSession();
  const connections = useApi<ListOf<Connection>>(can('connections.read') ? '/api/v1/connections' : null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [country, setCountry] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const conn = connections.data?.items.find((c) => c.id === connectionId) ?? connections.data?.items[0];
  const cc = (country || conn?.region || '').toUpperCase();
  if (!session) return null;
  const refresh = async () => {
    if (!conn) return;
    setBusy(true);
    try {
      const r = await apiSend<{ ok: boolean; entries: number; error: string | null }>('POST', '/api/v1/catalog/refresh', { connectionId: conn.id, country: cc });
      notifications.show({ color: r.ok ? 'green' : 'red', message: r.ok ? t('catalog.refreshed', { count: r.entries }) : t('catalog.lastError', { message: r.error ?? '' }) });
      setReloadKey((k) => k + 1);
    } catch (e) {
      notifications.show({ color: 'red', message: describeProblem(e) });
    } finally {
      setBusy(false);
    }
  };
  const setHidden = async (productId: string, hidden: boolean) => {
    try {
      await apiSend('PUT', `/api/v1/catalog/hidden-products/${encodeURIComponent(productId)}`, { hidden });
      setReloadKey((k) => k + 1);
    } catch (e) {
      notifications.show({ color: 'red', message: describeProblem(e) });
    }
  };
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('catalog.title')}</Title>
      <Text c="dimmed">{t('catalog.intro')}</Text>
      {connections.error && <Alert color="red">{describeProblem(connections.error)}</Alert>}
      <Group align="flex-end">
        <Select label={t('catalog.connection')} data={(connections.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={conn?.id ?? null} onChange={setConnectionId} allowDeselect={false} />
        <TextInput label={t('catalog.country')} value={cc} maxLength={2} w={90} onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())} />
        {can('connections.read') && (
          <Button onClick={() => void refresh()} loading={busy} disabled={!conn || cc.length !== 2}>
            {t('catalog.refresh')}
          </Button>
        )}
      </Group>
      {conn && cc.length === 2 && (
        <CatalogBrowser
          companyId={session.company.id}
          connectionId={conn.id}
          country={cc}
          reloadKey={reloadKey}
          renderProductActions={
            can('settings.manage')
              ? (product) => (
                  <Button size="compact-xs" variant="subtle" onClick={() => void setHidden(product.id, !product.hidden)}>
                    {product.hidden ? t('catalog.show') : t('catalog.hide')}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </Stack>
  );
}
