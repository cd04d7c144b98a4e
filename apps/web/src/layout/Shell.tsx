import { ActionIcon, AppShell, Badge, Burger, Button, Group, Menu, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChecklist, IconChartBar, IconLogout, IconQrcode, IconRoute, IconSettings, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTRPC } from '../trpc.ts';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageCrash } from './PageCrash.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

export function Shell({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const counts = useQuery(trpc.tasks.counts.queryOptions(undefined, { refetchInterval: 30_000 }));
  const due = (counts.data?.today ?? 0) + (counts.data?.overdue ?? 0);
  const isSales = me.data?.user.role === 'sales';
  const [navOpened, nav] = useDisclosure(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // The journey editor needs the width for its canvas: there the navigation folds away behind the menu button.
  const editor = /^\/journeys\/[^/]+\/?$/.test(location.pathname);
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await navigate('/login', { replace: true });
      },
    }),
  );
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened, desktop: editor && !navOpened } }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom={editor ? undefined : 'sm'} size="sm" aria-label={t('nav.menu')} data-testid="nav-toggle" />
            {/* On a phone the workspace's name says more than ours, and there is room for one of them. */}
            <Title order={4} visibleFrom="xs">
              {t('app.name')}
            </Title>
            {me.data && <WorkspaceSwitcher current={me.data.workspace} isAdmin={me.data.user.role === 'admin'} />}
          </Group>
          <Group gap="sm" wrap="nowrap" visibleFrom="sm">
            <LanguageSwitch />
            <Text size="sm">
              {me.data?.user.name} · {me.data ? t(`roles.${me.data.user.role}`) : ''}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('common.signOut')}
            </Button>
          </Group>
          {/* On a phone the person, the language and signing out share one menu, so nothing is cut off. */}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" size="lg" hiddenFrom="sm" aria-label={t('nav.account')} data-testid="account-menu">
                <IconUserCircle size={22} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                {me.data?.user.name} · {me.data ? t(`roles.${me.data.user.role}`) : ''}
              </Menu.Label>
              {LANGUAGES.map((l) => (
                <Menu.Item key={l.code} onClick={() => setLanguage(l.code)} leftSection={i18n.language === l.code ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}>
                  {l.label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => logout.mutate()}>
                {t('common.signOut')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {me.data && !isSales && (
          <NavLink component={Link} to="/journeys" onClick={nav.close} label={t('nav.journeys')} leftSection={<IconRoute size={18} />} active={location.pathname.startsWith('/journeys')} />
        )}
        <NavLink
          component={Link}
          to="/inbox"
          onClick={nav.close}
          label={t('nav.inbox')}
          leftSection={<IconChecklist size={18} />}
          rightSection={
            due > 0 ? (
              <Badge size="sm" circle={due < 10} color={counts.data?.overdue ? 'red' : 'teal'} data-testid="inbox-badge">
                {due}
              </Badge>
            ) : null
          }
          active={location.pathname.startsWith('/inbox')}
        />
        <NavLink component={Link} to="/customers" onClick={nav.close} label={t('nav.customers')} leftSection={<IconUsers size={18} />} active={location.pathname.startsWith('/customers')} />
        {me.data && !isSales && (
          <NavLink component={Link} to="/dashboards" onClick={nav.close} label={t('nav.dashboards')} leftSection={<IconChartBar size={18} />} active={location.pathname.startsWith('/dashboards')} />
        )}
        {me.data && !isSales && (
          <NavLink component={Link} to="/channel-codes" onClick={nav.close} label={t('channelCodes.nav')} leftSection={<IconQrcode size={18} />} active={location.pathname.startsWith('/channel-codes')} />
        )}
        <NavLink component={Link} to="/settings" onClick={nav.close} label={t('settings.nav')} leftSection={<IconSettings size={18} />} active={location.pathname.startsWith('/settings')} />
      </AppShell.Navbar>
      <AppShell.Main>
        <PageCrash key={location.pathname}>{children}</PageCrash>
      </AppShell.Main>
    </AppShell>
  );
}
