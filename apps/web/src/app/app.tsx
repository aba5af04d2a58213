import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { Suspense, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Menu,
  MantineProvider,
  Modal,
  NavLink,
  Stack,
  Text,
  Title,
  createTheme,
  type CSSVariablesResolver,
} from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { I18nProvider, useI18n, type Locale } from '../i18n/i18n';
import type { Messages } from '../i18n/messages/en';
import { Shell } from './app-shell';
import { readableColorVariables } from './contrast';
import { NotFoundPage } from './not-found-page';
import { FEATURES } from './features';
import { SignInPage } from '../features/auth';
import { SessionProvider, useSession } from '../features/auth/session';
import { ChangePasswordForm } from '../features/auth/change-password-form';
import { TreeProvider } from '../features/channel/tree-data';
import { CompanyTree } from '../features/channel/company-tree';

const theme = createTheme({
  primaryColor: 'indigo',
  // Indigo 6 under white text is 4.1:1; shade 7 passes WCAG AA (4.5:1).
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  // White text on a light filled badge (green 7: 2.7:1) switches to dark text; 0.179 is where
  // white and black text reach the same contrast, so either side passes WCAG AA.
  autoContrast: true,
  luminanceThreshold: 0.179,
  components: {
    // The active entry's description keeps the full colour (Mantine dims it to 0.9, 4.4:1).
    NavLink: NavLink.extend({ styles: { description: { '--description-opacity': '1' } as Record<string, string> } }),
    // A status badge is never cut to "ACT…" in a narrow table cell: it keeps the width of its text.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
  },
});

/**
 * Secondary ("dimmed") text dark enough to read: Mantine's default grey is 3.3:1 on white, below
 * WCAG AA's 4.5:1 for body text; coloured text and light variants likewise (`contrast.ts`).
 */
const contrastVariables: CSSVariablesResolver = (t) => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', ...readableColorVariables(t) }, dark: {} });

/** The app, starting in `locale` with its catalogue already loaded (main.tsx). */
export function App({ locale, messages }: { locale: Locale; messages: Messages }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={contrastVariables}>
      <Notifications />
      <I18nProvider locale={locale} messages={messages}>
        <BrowserRouter>
          <SessionProvider>
            <Gate />
          </SessionProvider>
        </BrowserRouter>
      </I18nProvider>
    </MantineProvider>
  );
}

/** Signed in: the shell with the company tree; not signed in: the sign-in page at any address. */
function Gate() {
  const { session } = useSession();
  const { t } = useI18n();
  if (session === undefined) {
    return (
      <Center h="100vh" aria-busy>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session === null) {
    return (
      <Shell>
        <Suspense fallback={<PageLoading />}>
          <SignInPage />
        </Suspense>
      </Shell>
    );
  }
  if (session.mustChangePassword) {
    return (
      <Shell>
        <ForcedPasswordChange />
      </Shell>
    );
  }
  return (
    <TreeProvider>
      <Shell companyTree={<CompanyTree />} signedInAs={<UserMenu />}>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            {FEATURES.flatMap((feature) => feature.routes).map(({ path, component: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Shell>
    </TreeProvider>
  );
}

/** While a page's code loads (each feature's pages are a chunk of their own). */
function PageLoading() {
  const { t } = useI18n();
  return (
    <Center py="xl" aria-busy>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** An administrator set this person's password: they choose their own before anything else. */
function ForcedPasswordChange() {
  const { refresh, signOut } = useSession();
  const { t } = useI18n();
  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('password.forcedTitle')}</Title>
      <Text>{t('password.forcedBody')}</Text>
      <Card withBorder>
        <ChangePasswordForm onDone={() => void refresh()} onCancel={() => void signOut()} />
      </Card>
    </Stack>
  );
}

function UserMenu() {
  const { session, signOut } = useSession();
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  if (!session) return null;
  return (
    <>
      <Modal opened={changing} onClose={() => setChanging(false)} title={t('password.title')}>
        <ChangePasswordForm
          onCancel={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            notifications.show({ color: 'green', message: t('password.done') });
          }}
        />
      </Modal>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" rightSection={<IconChevronDown size={14} />}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600}>
                {session.company.name}
              </Text>
              <Text size="sm" c="dimmed" visibleFrom="md">
                {session.user.email}
              </Text>
            </Group>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t(`role.${session.user.role}`)}</Menu.Label>
          <Menu.Item component={Link} to={`/companies/${session.company.id}`}>
            {t('header.myCompany')}
          </Menu.Item>
          {session.via === 'session' && (
            <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setChanging(true)}>
              {t('password.menu')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void signOut()}>
            {t('header.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
