import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { apiSend } from '../../api/api-client';
import type { PasswordReset, User } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { useUserAction } from './use-user-action';

/**
 * Resets a person's password: asks first, then shows the one-time password the server answered.
 * The password lives only in this component's state and is dropped when the dialog closes; the
 * server keeps only its hash, so it can never be shown again (reset again instead). Mount it afresh
 * (a key) per person.
 */
export function ResetPasswordModal({ user, companyId, onClose, onReset }: { user: User | null; companyId: number; onClose: () => void; onReset: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useUserAction(onReset);
  const [password, setPassword] = useState<string | null>(null);
  const close = () => {
    setPassword(null);
    onClose();
  };
  const reset = async () => {
    if (!user) return;
    const answer = await run(() => apiSend<PasswordReset>('POST', `/api/v1/companies/${companyId}/users/${user.id}/reset-password`));
    if (!answer) return;
    setPassword(answer.password);
    onReset();
  };
  const title = !user ? '' : password ? t('people.reset.shownTitle', { name: user.name }) : t('people.reset.title', { name: user.name });
  return (
    <Modal opened={user !== null} onClose={close} title={title} closeOnClickOutside={password === null}>
      {user && password === null && (
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">{t('people.reset.body', { email: user.email })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={busy} onClick={() => void reset()}>
              {t('people.reset.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
      {user && password !== null && (
        <Stack>
          <Alert color="yellow">{t('people.reset.shownOnce')}</Alert>
          <Text size="sm">{t('people.reset.signInAs', { email: user.email })}</Text>
          <Code block fz="lg" data-testid="one-time-password">
            {password}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={password}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} data-autofocus>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('people.reset.doneClose')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
