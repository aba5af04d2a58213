import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Code, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from './session';
import { waitText } from './wait-text';
import { useI18n } from '../../i18n/i18n';
import type { SystemInfo } from '@csphub/server/contract';

const DEMO = ['distributor@demo.test', 'reseller@demo.test', 'customer@demo.test'] as const;

/** Sign-in with e-mail and password; in demo mode it lists the demo users. */
export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const system = useApi<SystemInfo>('/api/v1/system');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  // The e-mail field takes the focus when the form appears, unless the person is already somewhere
  // else (the header's language list opened while the form was loading stays open).
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) emailInput.current?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email, password);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'NETWORK';
      if (code === 'RATE_LIMITED') setError(t('signIn.rateLimited', { wait: waitText(t, err instanceof ApiError ? err.retryAfter : undefined) }));
      else setError(code === 'SIGN_IN_FAILED' ? t('signIn.failed') : code === 'VALIDATION_FAILED' ? t('signIn.missing') : t('signIn.unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('signIn.title')}</Title>
      <Card withBorder component="form" onSubmit={submit} aria-label={t('signIn.title')}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('signIn.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} ref={emailInput} />
          <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </Card>
      {system.data?.demo && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('signIn.demoTitle')}
          </Text>
          <Text size="sm" mb="xs">
            {t('signIn.demoBody')} <Code>npm start</Code>
          </Text>
          <Table>
            <Table.Tbody>
              {DEMO.map((d) => (
                <Table.Tr key={d}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setEmail(d)}>
                      {d}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
