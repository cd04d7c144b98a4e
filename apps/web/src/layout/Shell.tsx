import { AppShell, Badge, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { IconChecklist, IconChartBar, IconRoute, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTRPC } from '../trpc.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await navigate('/login', { replace: true });
      },
    }),
  );
  const soon = (
    <Badge size="xs" variant="light" color="gray">
      {t('nav.soon')}
    </Badge>
  );
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'sm' }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Title order={4}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {me.data?.workspace.name}
            </Text>
          </Group>
          <Group gap="sm">
            <LanguageSwitch />
            <Text size="sm">
              {me.data?.user.name} · {me.data ? t(`roles.${me.data.user.role}`) : ''}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('common.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLink component={Link} to="/journeys" label={t('nav.journeys')} leftSection={<IconRoute size={18} />} active={location.pathname.startsWith('/journeys')} />
        <NavLink label={t('nav.inbox')} leftSection={<IconChecklist size={18} />} rightSection={soon} disabled />
        <NavLink label={t('nav.customers')} leftSection={<IconUsers size={18} />} rightSection={soon} disabled />
        <NavLink label={t('nav.dashboards')} leftSection={<IconChartBar size={18} />} rightSection={soon} disabled />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
