import { Link } from 'react-router';
import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { ChannelReadiness } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';

/** Home-page card: how many customers are ready to provision, and links to those that are not. */
export function ChannelSummary() {
  const { t } = useI18n();
  const { data } = useApi<ChannelReadiness>('/api/v1/companies/readiness');
  if (!data || data.customers === 0) return null;
  const notReady = data.notReady;
  return (
    <Card withBorder data-testid="channel-summary">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('home.channel.title')}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{t('home.channel.customers', { count: data.customers })}</Badge>
          <Badge color="green">{t('home.channel.ready', { count: data.ready })}</Badge>
        </Group>
      </Group>
      {data.ready === data.customers ? (
        <Text size="sm">{t('home.channel.allReady')}</Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {t('home.channel.notReady')}
          </Text>
          <List size="sm">
            {notReady.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/companies/${c.id}`}>
                  {c.name} ({c.id})
                </Anchor>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
