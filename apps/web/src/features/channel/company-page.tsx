import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Loader, Modal, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { companyNameProblem } from '@csphub/domain';
import { apiSend } from '../../api/api-client';
import { problemText } from '../../i18n/problem-text';
import { DeactivateCompanyModal } from './deactivate-company-modal';
import type { Company } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { useCompany } from './use-company';
import { useTree } from './tree-data';
import { CompanyPicker, type PickedCompany } from './company-picker';
import { ReadyChecklist } from './ready-checklist';
import { OverviewTab } from './overview-tab';
import { BillingTab } from './billing-tab';
import { ServicesTab } from './services-tab';
import { NewServiceButton } from '../new-service/new-service-button';
import { RunTimeline } from '../new-service/run-timeline';
import { McaStatusCard } from '../new-service/mca-status-card';
import { SecurityTab } from './security-tab';
import { AuditTab } from './audit-tab';
import { OrdersTab } from '../orders/orders-tab';
import { SubscriptionsTab } from '../subscriptions/subscriptions-tab';
import { LicensesTab } from '../licenses/licenses-tab';
import { GdapRelationshipsTab } from '../gdap/gdap-relationships-tab';

const TABS = ['overview', 'services', 'gdap', 'orders', 'subscriptions', 'licenses', 'billing', 'security', 'audit'] as const;
/** Tabs about a Microsoft tenant's commerce: customers only. */
const CUSTOMER_TABS: readonly string[] = ['gdap', 'orders', 'subscriptions', 'licenses'];

/** A company: breadcrumbs, the "ready to provision" checklist and the five tabs. */
export function CompanyPage() {
  const { t, locale } = useI18n();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as (typeof TABS)[number]) : 'overview';
  const { company, prerequisites, save, reloadAll } = useCompany(id);

  if (company.loading && !company.data) {
    return (
      <Group>
        <Loader size="sm" />
        <Text>{t('company.loading')}</Text>
      </Group>
    );
  }
  if (company.error && (!company.data || company.data.id !== id)) {
    return (
      <Alert color={company.error.status === 404 ? 'yellow' : 'red'} title={company.error.status === 404 ? t('company.notFound') : t('company.error')}>
        {company.error.status === 404 ? t('company.notFoundBody', { id }) : problemText(t, company.error, locale)}
      </Alert>
    );
  }
  const c = company.data!;
  return (
    <Stack maw={1100}>
      <Breadcrumbs separator=">" aria-label={t('company.breadcrumbs')} data-testid="breadcrumbs">
        {c.breadcrumbs.map((b, i) =>
          i === c.breadcrumbs.length - 1 ? (
            <Text key={b.id} size="sm">
              {b.name} ({b.id})
            </Text>
          ) : (
            <Anchor key={b.id} component={Link} to={`/companies/${b.id}`} size="sm">
              {b.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{c.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{t(`kind.${c.kind}`)}</Badge>
            {c.status === 'inactive' && <Badge color="gray">{t('company.inactive')}</Badge>}
          </Group>
        </div>
        <Group gap="xs" align="flex-start">
          <NewServiceButton company={c} />
          <CompanyActions company={c} onChanged={reloadAll} />
        </Group>
      </Group>
      {c.kind === 'customer' && <ReadyChecklist data={prerequisites.data} loading={prerequisites.loading} error={prerequisites.error} />}
      <Tabs value={tab} onChange={(v) => setSearch(v && v !== 'overview' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List>
          {TABS.filter((x) => c.kind === 'customer' || !CUSTOMER_TABS.includes(x)).map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`company.tab.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab company={c} prerequisites={prerequisites.data} save={save} reload={reloadAll} />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <Stack>
            <ServicesTab company={c} />
            {c.kind === 'customer' && <McaStatusCard companyId={c.id} companyName={c.name} country={c.billingCountry ?? c.country ?? null} language={c.language} />}
            {c.kind === 'customer' && <RunTimeline companyId={c.id} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="gdap" pt="md">
          <GdapRelationshipsTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="orders" pt="md">
          <OrdersTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="subscriptions" pt="md">
          <SubscriptionsTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="licenses" pt="md">
          <LicensesTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="billing" pt="md">
          <BillingTab company={c} save={save} />
        </Tabs.Panel>
        <Tabs.Panel value="security" pt="md">
          <SecurityTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditTab companyId={c.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** New customer, move (distributor admins) and deactivate/reactivate, as the role allows. */
function CompanyActions({ company, onChanged }: { company: Company; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { can, session } = useSession();
  const { root, refresh } = useTree();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState(false);
  const [deactivating, setDeactivating] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'customer' | 'reseller'>('customer');
  const [newParent, setNewParent] = useState<PickedCompany | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>, after?: () => void) => {
    setError(null);
    try {
      await fn();
      onChanged();
      refresh();
      after?.();
    } catch (e) {
      setError(problemText(t, e, locale));
    }
  };
  const canCreate = can('company.create') && company.kind !== 'customer' && company.status === 'active';
  const nameProblem = name ? companyNameProblem(name) : null;
  // Customers move under a reseller or the distributor itself (the root of a distributor's tree).
  const rootTarget = root && root.kind === 'distributor' ? [{ id: root.id, name: root.name }] : [];
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {canCreate && (
          <Button size="sm" onClick={() => setCreating(true)}>
            {t('company.addCompany')}
          </Button>
        )}
        {can('company.move') && company.kind === 'customer' && (
          <Button size="sm" variant="default" onClick={() => setMoving(true)}>
            {t('company.move')}
          </Button>
        )}
        {can('company.deactivate') && company.id !== session?.company.id && company.kind !== 'distributor' && (
          <Button
            size="sm"
            variant="default"
            color={company.status === 'active' ? 'red' : undefined}
            onClick={() => (company.status === 'active' ? setDeactivating(true) : void act(() => apiSend('POST', `/api/v1/companies/${company.id}/reactivate`)))}
          >
            {company.status === 'active' ? t('company.deactivate') : t('company.reactivate')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)} maw={420}>
          {error}
        </Alert>
      )}
      <DeactivateCompanyModal
        company={company}
        opened={deactivating}
        onClose={() => setDeactivating(false)}
        onChanged={() => {
          onChanged();
          refresh();
        }}
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('company.addCompany')}>
        <Stack>
          {company.kind === 'distributor' && (
            <Select
              label={t('company.kind')}
              data={[
                { value: 'customer', label: t('kind.customer') },
                { value: 'reseller', label: t('kind.reseller') },
              ]}
              value={kind}
              onChange={(v) => setKind((v as 'customer' | 'reseller') ?? 'customer')}
            />
          )}
          <TextInput label={t('company.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameProblem ? t(`validation.name.${nameProblem}`) : null} required autoFocus />
          <Button
            disabled={!name || Boolean(nameProblem)}
            onClick={() =>
              void act(
                () => apiSend<Company>('POST', '/api/v1/companies', { parentId: company.id, kind: company.kind === 'distributor' ? kind : 'customer', name }).then((created) => navigate(`/companies/${created.id}`)),
                () => {
                  setCreating(false);
                  setName('');
                },
              )
            }
          >
            {t('common.create')}
          </Button>
        </Stack>
      </Modal>
      <Modal opened={moving} onClose={() => setMoving(false)} title={t('company.move')}>
        <Stack>
          <Text size="sm">{t('company.moveHelp')}</Text>
          <CompanyPicker
            label={t('company.newParent')}
            kind="reseller"
            value={newParent}
            onChange={setNewParent}
            exclude={company.parentId ? [company.parentId] : []}
            extra={rootTarget}
            nothingFound={t('tree.pickerNoMatch')}
            showId
          />
          <Button disabled={!newParent} onClick={() => void act(() => apiSend('POST', `/api/v1/companies/${company.id}/move`, { parentId: newParent!.id }), () => setMoving(false))}>
            {t('company.move')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
