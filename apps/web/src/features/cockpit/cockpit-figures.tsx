import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Anchor, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { listHref } from './cockpit-text';

/** One figure: a number that links to its list, or "not available" when CSP Hub has no record of it. */
function Figure({
  label,
  value,
  to,
  testId,
  color,
}: {
  label: string;
  value: number | null;
  to?: string;
  testId: string;
  /** A palette name, never a shade: named colours resolve to text readable on white (app/contrast.ts). */
  color?: 'orange' | 'red';
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Group justify="space-between" wrap="nowrap" data-testid={testId}>
      <Text size="sm">{label}</Text>
      {value === null ? (
        <Tooltip label={t('cockpit.notAvailableHint')}>
          <Text size="sm" c="dimmed" data-value="n/a">
            {t('cockpit.notAvailable')}
          </Text>
        </Tooltip>
      ) : to ? (
        <Anchor component={Link} to={to} fw={700} c={color} data-value={value}>
          {formatNumber(value)}
        </Anchor>
      ) : (
        <Text fw={700} data-value={value}>
          {formatNumber(value)}
        </Text>
      )}
    </Group>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap={6}>{children}</Stack>
    </Card>
  );
}

/** One figure of a section: its label, value, the list it links to (list and filter) and colour. */
interface FigureSpec {
  key: string;
  label: string;
  value: number | null;
  list?: string;
  filter?: string;
  /** A palette name, never a shade: named colours resolve to text readable on white (app/contrast.ts). */
  color?: 'orange' | 'red';
}

/** A section's figures, each linking to its list when it has one (test id `fig-<list>-<filter>` or `fig-<key>`). */
export function Figures({ items }: { items: FigureSpec[] }) {
  return (
    <>
      {items.map((f) => (
        <Figure
          key={f.key}
          label={f.label}
          value={f.value}
          {...(f.list && f.filter ? { to: listHref(f.list, f.filter) } : {})}
          testId={f.list && f.filter ? `fig-${f.list}-${f.filter}` : `fig-${f.key}`}
          {...(f.color ? { color: f.color } : {})}
        />
      ))}
    </>
  );
}
