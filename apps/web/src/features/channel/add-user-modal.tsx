import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconWand } from '@tabler/icons-react';
import { isValidEmail, type Role } from '@csphub/domain';
import { apiSend, ApiError } from '../../api/api-client';
import type { User } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { generatePassword } from './generate-password';
import { peopleErrorMessage } from './people-error';

const MIN_PASSWORD = 12;
type Field = 'email' | 'name' | 'role' | 'password';
const EMPTY = { email: '', name: '', role: null as string | null, password: '' };

/**
 * Adds a person with a role and an initial password. Fields are checked as they are typed (a
 * field's "missing" message waits until it was left or the form was sent); the server's answer
 * lands on the field it names. Mounted only while open, so every opening starts empty.
 */
export function AddUserModal({ opened, onClose, companyId, roles, existing, onAdded }: { opened: boolean; onClose: () => void; companyId: number; roles: readonly Role[]; existing: readonly User[]; onAdded: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ ...EMPTY, role: roles.length === 1 ? roles[0]! : null });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState(false);

  const email = form.email.trim();
  const checks: Record<Field, string | null> = {
    email: !email ? (touched.email ? t('validation.email') : null) : !isValidEmail(email) ? t('validation.email') : existing.some((u) => u.email === email.toLowerCase()) ? t('people.add.email.taken') : null,
    name: !form.name.trim() && touched.name ? t('people.add.name.required') : null,
    role: !form.role && touched.role ? t('people.add.role.required') : null,
    password: (form.password || touched.password) && form.password.length < MIN_PASSWORD ? t('validation.passwordLength') : null,
  };
  const errorOf = (f: Field) => checks[f] ?? serverErrors[f] ?? null;
  const complete = Boolean(email && isValidEmail(email) && form.name.trim() && form.role && form.password.length >= MIN_PASSWORD) && !checks.email;
  const set = (f: Field, value: string | null) => {
    setForm((prev) => ({ ...prev, [f]: value }));
    setServerErrors((prev) => ({ ...prev, [f]: undefined }));
  };
  const leave = (f: Field) => setTouched((prev) => ({ ...prev, [f]: true }));

  const submit = async () => {
    setTouched({ email: true, name: true, role: true, password: true });
    if (!complete || busy) return;
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/users`, { email, name: form.name.trim(), role: form.role, password: form.password });
      notifications.show({ color: 'green', message: t('people.add.done', { name: form.name.trim(), role: t(`role.${form.role as Role}`) }) });
      onAdded();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'EMAIL_TAKEN') setServerErrors({ email: peopleErrorMessage(t, e) });
      else if (e instanceof ApiError && e.errors.some((x) => x.field)) {
        setServerErrors(Object.fromEntries(e.errors.filter((x) => x.field).map((x) => [x.field, x.message])));
        setError(e.message);
      } else setError(peopleErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('security.addUser')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {roles.length === 0 && <Alert color="yellow">{t('people.add.noRoles')}</Alert>}
          <TextInput
            label={t('security.email')}
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            onBlur={() => leave('email')}
            error={errorOf('email')}
            required
            data-autofocus
          />
          <TextInput label={t('security.name')} value={form.name} maxLength={200} onChange={(e) => set('name', e.currentTarget.value)} onBlur={() => leave('name')} error={errorOf('name')} required />
          <Select
            label={t('security.role')}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={form.role}
            onChange={(v) => {
              set('role', v);
              leave('role');
            }}
            onBlur={() => leave('role')}
            error={errorOf('role')}
            allowDeselect={false}
            required
          />
          <Stack gap={4}>
            <PasswordInput
              label={t('security.initialPassword')}
              description={generated ? t('people.add.password.generated') : t('security.passwordHelp')}
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => {
                setGenerated(false);
                set('password', e.currentTarget.value);
              }}
              onBlur={() => leave('password')}
              error={errorOf('password')}
              required
            />
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconWand size={16} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => {
                set('password', generatePassword());
                setGenerated(true);
              }}
            >
              {t('people.add.password.generate')}
            </Button>
          </Stack>
          {generated && (
            <Text size="sm" ff="monospace" data-testid="generated-password">
              {form.password}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={roles.length === 0}>
              {t('security.addUser')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
