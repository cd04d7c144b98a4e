import { ActionIcon, Alert, Anchor, Container, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { zoneLabel } from '../layout/clock.ts';
import { useTRPC } from '../trpc.ts';
import { FailuresCard } from './FailuresCard.tsx';
import { FunnelCard } from './FunnelCard.tsx';
import { JourneysCard } from './JourneysCard.tsx';
import { OverdueCard } from './OverdueCard.tsx';
import type { Period, Preset } from './period.ts';
import { lastDays, periodProblem } from './period.ts';
import { RepsCard } from './RepsCard.tsx';
import { WinBackCard } from './WinBackCard.tsx';

const PRESETS: Preset[] = ['7', '30', '90', 'custom'];

/** Ops dashboards: stage funnel, journey goals, the team's tasks, dormant and churned customers. */
export function DashboardsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const zone = me.data?.workspace.timezone ?? 'UTC';
  const [preset, setPreset] = useState<Preset>('30');
  const [custom, setCustom] = useState<Period>(() => lastDays(30, zone));
  const fetching = useIsFetching({ queryKey: trpc.analytics.pathKey() });
  const unmapped = useQuery({ ...trpc.wecom.unmapped.queryOptions(), enabled: me.data !== undefined && me.data.user.role !== 'sales' });
  const unmappedCustomers = (unmapped.data ?? []).reduce((n, m) => n + m.customers, 0);

  if (me.isPending) return null;
  if (me.data?.user.role === 'sales') return <Navigate to="/inbox" replace />;

  const problem = preset === 'custom' ? periodProblem(custom) : null;
  const period: Period | null = preset === 'custom' ? (problem ? null : custom) : lastDays(Number(preset), zone);

  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>{t('dashboards.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('dashboards.subtitle')}
            </Text>
          </div>
          <Group gap="sm" align="flex-end">
            <Stack gap={2}>
              <Text size="xs" fw={500} id="period-label">
                {t('dashboards.period')}
              </Text>
              <SegmentedControl
                size="xs"
                aria-labelledby="period-label"
                data={PRESETS.map((p) => ({ value: p, label: t(`dashboards.presets.${p}`) }))}
                value={preset}
                onChange={(v) => {
                  if (v === 'custom' && period) setCustom(period);
                  setPreset(v as Preset);
                }}
                data-testid="period-preset"
              />
            </Stack>
            {preset === 'custom' && (
              <>
                <TextInput size="xs" type="date" label={t('dashboards.from')} value={custom.from} max={custom.to} onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })} data-testid="period-from" />
                <TextInput size="xs" type="date" label={t('dashboards.to')} value={custom.to} min={custom.from} onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })} data-testid="period-to" />
              </>
            )}
            <Tooltip label={t('dashboards.refresh')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('dashboards.refresh')}
                loading={fetching > 0}
                onClick={() => void queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() })}
                data-testid="dashboards-refresh"
              >
                <IconRefresh size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" data-testid="period-text">
          {period ? `${period.from} – ${period.to} · ${t('dashboards.zoneNote', { zone: zoneLabel(i18n.language, zone) })}` : ''}
        </Text>
        {unmappedCustomers > 0 && (
          <Alert color="yellow" title={t('dashboards.unmapped.title')} data-testid="wecom-unmapped">
            <Text size="sm">{t('dashboards.unmapped.body', { count: unmappedCustomers, members: unmapped.data!.map((m) => t('dashboards.unmapped.member', { id: m.wecomUserId, count: m.customers })).join(t('dashboards.unmapped.separator')) })}</Text>
            {me.data?.user.role === 'admin' && (
              <Anchor component={Link} to="/settings?tab=team" size="sm">
                {t('dashboards.unmapped.link')}
              </Anchor>
            )}
          </Alert>
        )}
        {problem && (
          <Alert color="red" role="alert" data-testid="period-problem">
            {t(`dashboards.periodProblem.${problem}`)}
          </Alert>
        )}
        <FailuresCard />
        {period && (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <FunnelCard period={period} />
            <JourneysCard period={period} />
            <RepsCard period={period} />
            <OverdueCard zone={zone} />
            <WinBackCard zone={zone} />
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
