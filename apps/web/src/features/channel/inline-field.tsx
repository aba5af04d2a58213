import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';

export interface InlineFieldProps {
  label: string;
  value: string | null;
  /** Shown instead of the raw value (e.g. a country's name). */
  display?: string | null;
  /** Checks as the user types; a message blocks saving. */
  validate?: (value: string) => string | null;
  /** A hint that does not block saving (e.g. a free-mail warning). */
  warn?: (value: string) => string | null;
  onSave?: (value: string | null) => Promise<void>;
  options?: { value: string; label: string }[];
  /** Field name, for tests and for mapping the server's field errors. */
  name: string;
  /** Shown under the input while editing (a live check such as the domain prefix's availability); may change the draft. */
  live?: (draft: string, setDraft: (value: string) => void) => ReactNode;
}

/**
 * A field shown as text with an edit button; editing validates as you type, Enter saves, Escape
 * cancels, and the server's own message appears if it refuses the value. Without `onSave` the field
 * is read-only.
 */
export function InlineField({ label, value, display, validate, warn, onSave, options, name, live }: InlineFieldProps) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const labelId = useId();
  const liveError = editing ? (validate?.(draft) ?? null) : null;
  const warning = editing && !liveError ? (warn?.(draft) ?? null) : null;

  const start = () => {
    setDraft(value ?? '');
    setServerError(null);
    setEditing(true);
  };
  const save = async () => {
    if (!onSave || liveError) return;
    setSaving(true);
    setServerError(null);
    try {
      await onSave(draft.trim() === '' ? null : draft);
      setEditing(false);
    } catch (e) {
      // The API's field message is English; other languages get the problem's own sentence.
      const fieldError = e instanceof ApiError && locale === 'en' ? e.errors.find((x) => x.field === name)?.message : undefined;
      setServerError(fieldError ?? problemText(t, e, locale));
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
    if (e.key === 'Escape') setEditing(false);
  };

  if (editing) {
    const error = liveError ?? serverError;
    return (
      <Stack gap={4} data-testid={`field-${name}`}>
        {options ? (
          <Select
            label={label}
            data={options}
            value={draft || null}
            onChange={(v) => setDraft(v ?? '')}
            searchable
            clearable
            error={error}
            autoFocus
            onKeyDown={onKeyDown}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <TextInput label={label} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} error={error} description={warning} autoFocus onKeyDown={onKeyDown} />
        )}
        {live?.(draft, setDraft)}
        <Group gap="xs">
          <Button size="compact-sm" onClick={() => void save()} loading={saving} disabled={Boolean(liveError)}>
            {t('common.save')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" data-testid={`field-${name}`}>
      <div>
        <Text size="xs" c="dimmed" id={labelId}>
          {label}
        </Text>
        <Text size="sm" aria-labelledby={labelId} c={value ? undefined : 'dimmed'} fs={value ? undefined : 'italic'}>
          {display ?? value ?? t('common.empty')}
        </Text>
      </div>
      {onSave && (
        <Tooltip label={t('common.editField', { field: label })}>
          <ActionIcon variant="subtle" onClick={start} aria-label={t('common.editField', { field: label })}>
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
