import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { ApiError, apiSend } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { waitText } from './wait-text';

/** The server's minimum (apps/server/src/security/password.ts), checked here as the person types. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Current password, new password twice; posts POST /api/v1/auth/password. A wrong current
 * password is shown on its field; too many answer with how long to wait.
 */
export function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const nextError =
    next.length > 0 && next.length < MIN_PASSWORD_LENGTH
      ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
      : next && next === current
        ? t('password.sameAsCurrent')
        : null;
  const againError = touched && again !== next ? t('password.mismatch') : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setError(null);
    setCurrentError(null);
    if (!current || nextError || next.length < MIN_PASSWORD_LENGTH || again !== next) return;
    setBusy(true);
    try {
      await apiSend('POST', '/api/v1/auth/password', { currentPassword: current, newPassword: next });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CURRENT_PASSWORD_WRONG')
        setCurrentError(t('password.wrongCurrent'));
      else if (err instanceof ApiError && err.code === 'RATE_LIMITED')
        setError(t('password.rateLimited', { wait: waitText(t, err.retryAfter) }));
      else setError(t('password.failed', { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack component="form" onSubmit={submit} aria-label={t('password.title')}>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <PasswordInput
        label={t('password.current')}
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)}
        error={currentError}
        data-autofocus
      />
      <PasswordInput
        label={t('password.new')}
        description={t('password.newHint', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        value={next}
        onChange={(e) => setNext(e.currentTarget.value)}
        error={nextError}
      />
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        required
        value={again}
        onChange={(e) => setAgain(e.currentTarget.value)}
        error={againError}
      />
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={busy}>
          {t('password.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
