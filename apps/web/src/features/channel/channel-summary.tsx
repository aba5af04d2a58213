import { Link } from 'react-router';
import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { useTree } from './tree-data';

/** Home-page card: how many customers are ready to provision, and links to those that are not. */
export function ChannelSummary() {
  const { t } = useI18n();
  const { nodes } = useTree();
  if (!nodes) return null;
  const customers = nodes.filter((n) => n.kind === 'customer' && n.status === 'active');
  if (customers.length === 0) return null;
  const notReady = customers.filter((c) => !c.ready);
  return (
    <Card withBorder data-testid="channel-summary">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('home.channel.title')}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{t('home.channel.customers', { count: customers.length })}</Badge>
          <Badge color="green">{t('home.channel.ready', { count: customers.length - notReady.length })}</Badge>
        </Group>
      </Group>
      {notReady.length === 0 ? (
        <Text size="sm">{t('home.channel.allReady')}</Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {t('home.channel.notReady')}
          </Text>
          <List size="sm">
            {notReady.slice(0, 10).map((c) => (
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
