import { Alert, Card, Group, List, Loader, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { Prerequisites, PrerequisiteProblem } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { describeProblem } from '../../i18n/problem-text';

/** Turns a problem code into a sentence in the UI's language (the API's English is the fallback). */
function useProblemText() {
  const { t } = useI18n();
  return (p: PrerequisiteProblem) => {
    const code = p.code.replace(/^reseller-/, '');
    const key = `prereq.problem.${code}` as MessageKey;
    const fieldKey = `prereq.field.${p.field}` as MessageKey;
    const text = t(key, { field: t(fieldKey), example: p.example ?? '', reseller: p.reseller ?? '' });
    if (text === key) return p.message;
    const owned = p.code.startsWith('reseller-') ? t('prereq.fromReseller', { reseller: p.reseller ?? '', problem: text }) : text;
    return p.example && (code === 'required' || code === 'invalid') ? `${owned} ${t('prereq.example', { example: p.example })}` : owned;
  };
}

/** The "ready to provision" checklist: each prerequisite with a tick, or what to fix. */
export function ReadyChecklist({ data, loading, error }: { data: Prerequisites | undefined; loading: boolean; error: Error | undefined }) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <Card withBorder data-testid="ready-checklist" aria-busy={loading}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {t('prereq.title')}
        </Title>
        {data && (
          <Text size="sm" fw={700} c={data.ready ? 'green' : 'orange'} data-testid="ready-state">
            {data.ready ? t('prereq.ready') : t('prereq.notReady')}
          </Text>
        )}
        {loading && !data && <Loader size="xs" />}
      </Group>
      {error && !data && <Alert color="red">{t('prereq.error', { message: describeProblem(error) })}</Alert>}
      {data && (
        <List spacing="xs" listStyleType="none">
          {data.items.map((item) => (
            <List.Item
              key={item.key}
              data-testid={`prereq-${item.key}`}
              data-ok={item.ok}
              icon={
                <ThemeIcon size={20} radius="xl" color={item.ok ? 'green' : 'red'} role="img" aria-label={item.ok ? t('prereq.ok') : t('prereq.missing')}>
                  {item.ok ? <IconCheck size={14} /> : <IconX size={14} />}
                </ThemeIcon>
              }
            >
              <Text size="sm" fw={500}>
                {t(`prereq.item.${item.key}`)}
                {item.source === 'reseller' && item.ok ? ` · ${t('prereq.usesReseller')}` : ''}
              </Text>
              {item.problems.map((p, i) => (
                <Text size="sm" c="red" key={i}>
                  {problemText(p)}
                </Text>
              ))}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
