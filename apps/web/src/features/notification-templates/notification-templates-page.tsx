import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Grid, Group, Loader, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { NotificationTemplateList, NotificationTemplatePreview, NotificationTemplateView, NotificationTemplateWording, NotificationTestSend } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { ProblemAlert } from '../../i18n/problem-alert';

type Language = 'en' | 'es';

/** The editor's body text: paragraphs separated by a blank line (a single line break stays inside its paragraph). */
const toBody = (paragraphs: string[]) => paragraphs.join('\n\n');
const toParagraphs = (body: string) =>
  body
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]*)\s*\}\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

/** The merge-field mistakes the API would refuse, found as the person types: unknown fields, required ones dropped. */
function fieldMistakes(template: NotificationTemplateView, subject: string, body: string) {
  const unknown = (text: string) => [...new Set(placeholders(text).filter((f) => !template.fields.includes(f)))].map((f) => `{{${f}}}`);
  const used = new Set([...placeholders(subject), ...placeholders(body)]);
  return { subject: unknown(subject), body: unknown(body), missing: template.requiredFields.filter((f) => !used.has(f)).map((f) => `{{${f}}}`) };
}

/**
 * The notification template editor of the signed-in distributor or reseller (F1): pick a message and
 * a language, change its subject and paragraphs with the merge fields listed beside them, see a live
 * preview with sample data, save (audited), send a test to oneself (the outbox in development) or
 * reset to the default. The authorization request's legal wording is shown locked.
 */
export function NotificationTemplatesPage() {
  const { t, locale } = useI18n();
  const { can, session } = useSession();
  const company = session?.company;
  const allowed = can('notifications.manage') && company !== undefined && company.kind !== 'customer';
  const base = company ? `/api/v1/companies/${company.id}/notification-templates` : '';
  const list = useApi<NotificationTemplateList>(allowed ? base : null);
  const [templateId, setTemplateId] = useState('welcome');
  const [language, setLanguage] = useState<Language>(locale.startsWith('es') ? 'es' : 'en');
  const template: NotificationTemplateView | undefined = list.data?.items.find((i) => i.id === templateId);
  const wording = template?.wordings.find((w) => w.language === language);

  if (!allowed) return <Text>{t('notificationTemplates.notAllowed')}</Text>;

  return (
    <Stack maw={1200}>
      <Title order={1}>{t('notificationTemplates.title')}</Title>
      <Text c="dimmed">{t('notificationTemplates.intro', { company: company.name })}</Text>
      {list.data && !list.data.canEdit && <Alert color="blue">{t('notificationTemplates.readOnly')}</Alert>}
      {list.error && !list.data && <ProblemAlert error={list.error} />}
      {!list.data && list.loading && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.data && (
        <Group align="flex-end">
          <Select
            label={t('notificationTemplates.template')}
            data={list.data.items.map((i) => ({ value: i.id, label: t(`notificationTemplates.name.${i.id}` as MessageKey) }))}
            value={templateId}
            onChange={(v) => v && setTemplateId(v)}
            allowDeselect={false}
            w={420}
            comboboxProps={{ withinPortal: false }}
          />
          <SegmentedControl
            aria-label={t('notificationTemplates.language')}
            value={language}
            onChange={(v) => setLanguage(v as Language)}
            data={[
              { value: 'en', label: t('notificationTemplates.language.en') },
              { value: 'es', label: t('notificationTemplates.language.es') },
            ]}
          />
        </Group>
      )}
      {template && wording && (
        // Keyed by the saved wording: a save, a reset or another choice starts the editor from what is stored.
        <TemplateEditor
          key={`${template.id}:${language}:${wording.source}:${wording.updatedAt ?? ''}`}
          base={base}
          template={template}
          wording={wording}
          language={language}
          canEdit={list.data?.canEdit === true}
          onSaved={list.reload}
        />
      )}
    </Stack>
  );
}

/** One template's wording in one language: the fields, the merge-field list, the live preview and the actions. */
function TemplateEditor(props: { base: string; template: NotificationTemplateView; wording: NotificationTemplateWording; language: Language; canEdit: boolean; onSaved: () => void }) {
  const { t, formatDate } = useI18n();
  const { template, wording, language } = props;
  const [subject, setSubject] = useState(wording.subject);
  const [body, setBody] = useState(toBody(wording.paragraphs));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const dirty = subject !== wording.subject || body !== toBody(wording.paragraphs);
  const editable = props.canEdit && !template.locked;
  const path = `${props.base}/${template.id}/${language}`;
  const preview = usePreview(template.locked ? null : `${path}/preview`, subject, body);
  const mistakes = fieldMistakes(template, subject, body);
  const bodyMistake = [
    mistakes.body.length > 0 ? t('notificationTemplates.unknownFields', { fields: mistakes.body.join(', ') }) : null,
    mistakes.missing.length > 0 ? t('notificationTemplates.missingFields', { fields: mistakes.missing.join(', ') }) : null,
  ].filter((x) => x !== null);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      await apiSend('PUT', path, { subject, paragraphs: toParagraphs(body) });
      notifications.show({ color: 'green', message: t('notificationTemplates.saved') });
      props.onSaved();
    });
  const reset = () =>
    run(async () => {
      await apiSend('DELETE', path);
      notifications.show({ color: 'green', message: t('notificationTemplates.resetDone') });
      props.onSaved();
    });
  const testSend = () =>
    run(async () => {
      const r = await apiSend<NotificationTestSend>('POST', `${path}/test-send`);
      notifications.show({ color: 'green', message: t('notificationTemplates.testSent', { to: r.to.join(', ') }) });
    });

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Card withBorder>
          <Stack gap="sm">
            <Text size="sm" c="dimmed" data-testid="wording-source">
              {wording.source === 'own'
                ? t('notificationTemplates.source.own', { at: formatDate(wording.updatedAt ?? '', 'dateTime'), by: wording.updatedBy ?? '' })
                : wording.source === 'inherited'
                  ? t('notificationTemplates.source.inherited', { company: String(wording.inheritedFrom) })
                  : t('notificationTemplates.source.default')}
            </Text>
            {template.locked && <Alert color="gray">{t('notificationTemplates.locked')}</Alert>}
            {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
            {/* The wording itself holds {{field}} placeholders, written as is in any language. */}
            <Stack gap="sm" data-raw-text>
            <TextInput
              label={t('notificationTemplates.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              readOnly={!editable}
              error={mistakes.subject.length > 0 ? t('notificationTemplates.unknownFields', { fields: mistakes.subject.join(', ') }) : null}
            />
            <Textarea
              label={t('notificationTemplates.body')}
              description={t('notificationTemplates.bodyHelp')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              readOnly={!editable}
              error={bodyMistake.length > 0 ? bodyMistake.join(' ') : null}
              autosize
              minRows={8}
            />
            </Stack>
            <Group>
              {editable && (
                <Button onClick={() => void save()} loading={busy} disabled={!dirty}>
                  {t('notificationTemplates.save')}
                </Button>
              )}
              <Button variant="default" onClick={() => void testSend()} disabled={busy}>
                {t('notificationTemplates.testSend')}
              </Button>
              {editable && wording.source === 'own' && (
                <Button
                  variant="default"
                  color="red"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('notificationTemplates.resetConfirm'))) void reset();
                  }}
                >
                  {t('notificationTemplates.reset')}
                </Button>
              )}
            </Group>
            {dirty && (
              <Text size="sm" c="orange">
                {t('notificationTemplates.unsaved')}
              </Text>
            )}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <MergeFields template={template} />
      </Grid.Col>
      <Grid.Col span={12}>
        <Card withBorder data-testid="template-preview">
          <Title order={2} size="h4" mb="sm">
            {t('notificationTemplates.preview')}
          </Title>
          {preview.error !== null && <ProblemAlert error={preview.error} />}
          {preview.data && preview.error === null && (
            <Stack gap="xs">
              <Text fw={600}>{t('notificationTemplates.previewSubject', { subject: preview.data.subject })}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data.text}</Text>
            </Stack>
          )}
          {template.locked && <Text style={{ whiteSpace: 'pre-wrap' }}>{toBody(wording.paragraphs)}</Text>}
        </Card>
      </Grid.Col>
    </Grid>
  );
}

/** The merge fields beside the editor: the identifiers to type, which must stay, which are secret. */
function MergeFields({ template }: { template: NotificationTemplateView }) {
  const { t } = useI18n();
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        {t('notificationTemplates.fields')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notificationTemplates.fieldsHelp')}
      </Text>
      <Stack gap={6} data-testid="merge-fields">
        {template.fields.map((f) => (
          <Group key={f} gap={6}>
            {/* The placeholder is written as is in any language. */}
            <Text ff="monospace" size="sm" data-raw-text>{`{{${f}}}`}</Text>
            {template.requiredFields.includes(f) && (
              <Badge size="xs" variant="light">
                {t('notificationTemplates.required')}
              </Badge>
            )}
            {template.secretFields.includes(f) && (
              <Text size="xs" c="dimmed">
                {t('notificationTemplates.secret')}
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** The server's rendering of the text being edited, with sample data, a moment after each change. */
function usePreview(path: string | null, subject: string, body: string) {
  const [state, setState] = useState<{ data: NotificationTemplatePreview | null; error: unknown }>({ data: null, error: null });
  const paragraphs = useMemo(() => toParagraphs(body), [body]);
  useEffect(() => {
    if (!path || subject === '' || paragraphs.length === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      apiSend<NotificationTemplatePreview>('POST', path, { subject, paragraphs })
        .then((data) => live && setState({ data, error: null }))
        .catch((error: unknown) => live && setState({ data: null, error }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, subject, paragraphs]);
  return state;
}
