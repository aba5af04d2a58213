import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { ListOf, OutboxMessage } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';


/** The local outbox: what CSP Hub sent while no SMTP server is configured; secrets stay masked. */
export function OutboxPage() {
  const { t, formatDate } = useI18n();
  const messages = useApi<ListOf<OutboxMessage>>('/api/v1/outbox');
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1}>{t('outbox.title')}</Title>
        <Button variant="default" onClick={messages.reload} loading={messages.loading}>
          {t('common.refresh')}
        </Button>
      </Group>
      <Text c="dimmed">{t('outbox.intro')}</Text>
      {messages.loading && !messages.data && (
        <Group>
          <Loader size="sm" />
          <Text>{t('outbox.loading')}</Text>
        </Group>
      )}
      {messages.error && <Alert color="red">{t('outbox.error', { message: describeProblem(messages.error) })}</Alert>}
      {messages.data?.items.length === 0 && <Text c="dimmed">{t('outbox.empty')}</Text>}
      {messages.data?.items.map((m) => (
        <Card key={m.id} withBorder component="article" aria-label={m.subject} data-testid="outbox-message">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h5">
              {m.subject}
            </Title>
            <Badge variant="light">{m.template}</Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {formatDate(m.createdAt, 'dateTime')} · {t('outbox.to', { to: m.to.join(', ') })}
            {m.cc.length > 0 ? ` · ${t('outbox.cc', { cc: m.cc.join(', ') })}` : ''}
            {m.companyName ? ` · ${t('outbox.company', { company: m.companyName })}` : ''}
          </Text>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {m.text}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
