import type { ReactNode } from 'react';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Select,
  Text,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { LOCALES, useI18n, type Locale } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';
import { visibleNavigation } from './navigation';
import { useSession } from '../features/auth/session';

/**
 * The frame around every page: header (product, signed-in company, language, colour scheme),
 * navigation, and the company tree's place in the side bar.
 */
export function Shell({ children, companyTree, signedInAs }: { children: ReactNode; companyTree?: ReactNode; signedInAs?: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const { t, locale, setLocale } = useI18n();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const location = useLocation();
  const { can, session } = useSession();
  const switchLanguage = async (next: Locale) => {
    if (!(await setLocale(next))) notifications.show({ color: 'red', message: t('header.languageFailed', { language: LOCALES[next].label }) });
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      {/* Keyboard users skip the header, the navigation and the company tree (WCAG 2.4.1). */}
      <a href="#main-content" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
            <Title order={3} component="span">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <div data-testid="signed-in-company">{signedInAs ?? <Text size="sm">{t('header.notSignedIn')}</Text>}</div>
            <Select
              aria-label={t('header.language')}
              size="xs"
              w={120}
              allowDeselect={false}
              value={locale}
              data={Object.entries(LOCALES).map(([value, l]) => ({ value, label: l.label }))}
              onChange={(v) => v && void switchLanguage(v as Locale)}
            />
            <Tooltip label={t('header.colorScheme')}>
              <ActionIcon variant="default" size="lg" onClick={toggleColorScheme} aria-label={t('header.colorScheme')}>
                {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <AppShell.Section>
          {visibleNavigation({ kind: session?.company.kind, can }).map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              label={t(item.label as MessageKey)}
              leftSection={<item.icon size={18} stroke={1.5} />}
              active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section grow mt="md" aria-label={t('tree.title')} style={{ display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' }}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb="xs">
            {t('tree.title')}
          </Text>
          {companyTree ?? (
            <Text size="sm" c="dimmed">
              {t('tree.empty')}
            </Text>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
