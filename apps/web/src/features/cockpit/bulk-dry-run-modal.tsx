import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import type { BulkPlan } from '@csphub/server/contract';
import { apiSend, type ApiError } from '../../api/api-client';
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
  useEffect(() => {
    let cancelled = false;
    apiSend<BulkPlan>('POST', `/api/v1/cockpit/bulk/${action}/dry-run`, { items })
      .then((p) => !cancelled && setPlan(p))
      .catch((e: ApiError) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [action, items]);
  const todo = plan?.items.filter((i) => !i.skip) ?? [];
  const start = async () => {
    setStarting(true);
    try {
      const { jobId } = await apiSend<{ jobId: string }>('POST', `/api/v1/cockpit/bulk/${action}`, { items: todo.map((i) => i.itemKey) });
      onStarted(jobId);
    } catch (e) {
      setError(e as ApiError);
      setStarting(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t(cockpitKey(`cockpit.bulk.${action}`))} size="lg">
      <Stack data-testid="bulk-dry-run">
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
                  <Text size="sm">{i.will.map((w) => t(cockpitKey(`cockpit.bulk.will.${w}`))).join(', ')}{i.detail && action === 'resend-acceptance-links' ? ` → ${i.detail}` : ''}</Text>
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
