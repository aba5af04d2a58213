import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import type { BulkPlan, GdapTemplate, ListOf } from '@csphub/server/contract';
import { apiSend, type ApiError } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { cockpitKey } from './cockpit-text';

export type BulkActionName = BulkPlan['action'];

/** The dry run of a bulk fix on the selected rows (what will be done, to whom), then the start of the job. */
export function BulkDryRunModal({ action, items, onClose, onStarted }: { action: BulkActionName; items: string[]; onClose(): void; onStarted(jobId: string): void }) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  // "Request GDAP from a template": the template ('' = each connection's default) and the approval e-mail.
  const requestsGdap = action === 'gdap-request-from-template';
  const templates = useApi<ListOf<GdapTemplate>>(requestsGdap ? '/api/v1/gdap/templates' : null);
  const [templateId, setTemplateId] = useState('');
  const [emailAdmin, setEmailAdmin] = useState(true);
  const options = requestsGdap ? { ...(templateId ? { templateId: Number(templateId) } : {}), emailCustomerAdmin: emailAdmin } : {};
  useEffect(() => {
    let cancelled = false;
    apiSend<BulkPlan>('POST', `/api/v1/cockpit/bulk/${action}/dry-run`, { items, ...(requestsGdap && templateId ? { templateId: Number(templateId) } : {}) })
      .then((p) => !cancelled && setPlan(p))
      .catch((e: ApiError) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [action, items, requestsGdap, templateId]);
  const todo = plan?.items.filter((i) => !i.skip) ?? [];
  const start = async () => {
    setStarting(true);
    try {
      const { jobId } = await apiSend<{ jobId: string }>('POST', `/api/v1/cockpit/bulk/${action}`, { items: todo.map((i) => i.itemKey), ...options });
      onStarted(jobId);
    } catch (e) {
      setError(e as ApiError);
      setStarting(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t(cockpitKey(`cockpit.bulk.${action}`))} size="lg">
      <Stack data-testid="bulk-dry-run">
        {requestsGdap && (
          <Group align="flex-end">
            <Select
              label={t('cockpit.bulk.template')}
              data={[{ value: '', label: t('cockpit.bulk.templateDefault') }, ...(templates.data?.items ?? []).map((x) => ({ value: String(x.id), label: `${x.name} v${x.version}` }))]}
              value={templateId}
              onChange={(v) => {
                // Another template: the plan shown is no longer the one that would run.
                setPlan(null);
                setError(null);
                setTemplateId(v ?? '');
              }}
              allowDeselect={false}
              miw={280}
              data-testid="bulk-template"
            />
            <Checkbox label={t('cockpit.bulk.emailAdmin')} checked={emailAdmin} onChange={(e) => setEmailAdmin(e.currentTarget.checked)} />
          </Group>
        )}
        <Text fw={600}>{t('cockpit.bulk.dryRun')}</Text>
        {!plan && !error && <Loader size="sm" />}
        {error && <Alert color="red">{describeProblem(error)}</Alert>}
        {plan && (
          <List spacing="xs" data-testid="bulk-plan">
            {plan.items.map((i) => (
              <List.Item key={i.itemKey} data-item-key={i.itemKey} data-will={i.will.join(',')}>
                <Text size="sm" fw={600}>
                  {i.label}
                </Text>
                {i.skip ? (
                  <Badge color="gray" variant="light">
                    {t('cockpit.bulk.skip', { reason: i.skip })}
                  </Badge>
                ) : (
                  <Text size="sm">{i.will.map((w) => t(cockpitKey(`cockpit.bulk.will.${w}`))).join(', ')}{i.detail && (action === 'resend-acceptance-links' || requestsGdap) ? ` → ${i.detail}` : ''}</Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        {plan && todo.length === 0 && <Alert color="yellow">{t('cockpit.bulk.nothing')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cockpit.bulk.cancel')}
          </Button>
          <Button disabled={todo.length === 0} loading={starting} onClick={() => void start()} data-testid="bulk-run">
            {t('cockpit.bulk.run', { count: todo.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
