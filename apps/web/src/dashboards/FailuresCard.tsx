import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertOctagon, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { REFRESH_MS } from './types.ts';

/**
 * Customers a failed step stopped, per journey (any version, whatever the period): each journey links
 * to its list of who failed and why, where they are retried or skipped. Says so when nothing fails.
 */
export function FailuresCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.journeys.list.queryOptions({ includeArchived: true }), refetchInterval: REFRESH_MS });
  const failing = (query.data ?? []).filter((j) => j.failed > 0).sort((a, b) => b.failed - a.failed);
  const total = failing.reduce((n, j) => n + j.failed, 0);
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="chart-failures-title" data-testid="chart-failures" style={total > 0 ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}>
      {query.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : query.isError ? (
        <Text size="sm" c="red" role="alert">
          {t('dashboards.loadError', { message: errorText(query.error, i18n.language) })}
        </Text>
      ) : total === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
          <Title order={3} size="h5" id="chart-failures-title">
            {t('dashboards.failures.okTitle')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="chart-failures-empty">
            {t('dashboards.failures.empty')}
          </Text>
        </Group>
      ) : (
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap">
            <IconAlertOctagon size={18} color="var(--mantine-color-red-7)" aria-hidden />
            <Title order={3} size="h5" c="red.8" id="chart-failures-title" data-testid="chart-failures-title">
              {t('dashboards.failures.title', { count: total })}
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {t('dashboards.failures.help')}
          </Text>
          <Group gap="lg" data-testid="chart-failures-list">
            {failing.map((j) => (
              <Group key={j.id} gap={6} wrap="nowrap" data-testid={`failures-journey-${j.id}`}>
                <Anchor component={Link} to={`/journeys/${j.id}?failures=1`} size="sm" fw={500} aria-label={`${j.name}: ${t('dashboards.failures.open')}`}>
                  {j.name}
                </Anchor>
                <Badge color="red" variant="light" size="sm">
                  {t('dashboards.failures.count', { count: number.format(j.failed) })}
                </Badge>
              </Group>
            ))}
          </Group>
        </Stack>
      )}
    </Card>
  );
}
