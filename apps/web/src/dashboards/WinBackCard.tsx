import { BarChart } from '@mantine/charts';
import { Alert, Button, Group, Modal, Progress, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { todayIn } from './period.ts';
import { REFRESH_MS } from './types.ts';
import { defaultWinBackJourney } from './winback.ts';

function Stat({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/** Dormant and churned counts, and one click to enrol all of them into a win-back journey. */
export function WinBackCard({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.segments.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const [open, setOpen] = useState(false);
  const s = query.data;
  const refetch = query.refetch;
  const refresh = useCallback(() => void refetch(), [refetch]);

  const exportCsv = () => {
    if (!s) return;
    const rows = [
      [t('dashboards.winBack.dormant'), s.dormant],
      [t('dashboards.winBack.churned'), s.churned],
      [t('dashboards.winBack.total'), s.winBack],
    ];
    downloadCsv(`sopline-dormant-churned-${todayIn(zone)}.csv`, toCsv([t('dashboards.winBack.segment'), t('dashboards.winBack.customers')], rows));
  };

  return (
    <ChartCard
      testId="chart-winback"
      title={t('dashboards.winBack.title')}
      help={t('dashboards.winBack.help')}
      query={query}
      empty={s?.winBack === 0}
      emptyText={t('dashboards.winBack.empty')}
      onExport={exportCsv}
    >
      {s && (
        <>
          <SimpleGrid cols={3}>
            <Stat label={t('dashboards.winBack.dormant')} value={s.dormant} testId="segment-dormant" color="orange" />
            <Stat label={t('dashboards.winBack.churned')} value={s.churned} testId="segment-churned" color="red" />
            <Stat label={t('dashboards.winBack.total')} value={s.winBack} testId="segment-winback" />
          </SimpleGrid>
          <BarChart
            h={120}
            orientation="vertical"
            yAxisProps={{ width: 60 }}
            data={[
              { segment: t('dashboards.winBack.dormant'), customers: s.dormant },
              { segment: t('dashboards.winBack.churned'), customers: s.churned },
            ]}
            dataKey="segment"
            series={[{ name: 'customers', label: t('dashboards.winBack.customers'), color: 'orange.6' }]}
            withBarValueLabel
            aria-label={t('dashboards.winBack.title')}
          />
          <Group>
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setOpen(true)} data-testid="winback-open">
              {t('dashboards.winBack.enrol')}
            </Button>
          </Group>
          <Modal opened={open} onClose={() => setOpen(false)} title={t('dashboards.winBack.dialogTitle', { count: s.winBack })} size="md">
            {open && <EnrolWinBack tags={s.winBackTags} count={s.winBack} onDone={refresh} />}
          </Modal>
        </>
      )}
    </ChartCard>
  );
}

function EnrolWinBack({ tags, count, onDone }: { tags: string[]; count: number; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const journeys = useQuery(trpc.journeys.list.queryOptions({}));
  const live = (journeys.data ?? []).filter((j) => j.status === 'live');
  const [picked, setPicked] = useState<string | null>(null);
  const journeyId = picked ?? defaultWinBackJourney(journeys.data ?? []);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.enrollments.enrolBulk.mutationOptions({ onSuccess: (r) => setJobId(r.jobId) }));
  const job = useQuery({
    ...trpc.enrollments.bulkJob.queryOptions({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1_000),
  });
  const status = job.data?.status;
  const finished = status === 'done' || status === 'failed';
  // A finished job changes the counts: fetch them now rather than at the next poll.
  useEffect(() => {
    if (!finished) return;
    onDone();
    void queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() });
  }, [finished, onDone, queryClient, trpc]);
  const busy = start.isPending || (jobId !== null && status !== 'done' && status !== 'failed' && !job.isError);

  if (journeys.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  if (journeys.isError) return <Alert color="red">{errorText(journeys.error, i18n.language)}</Alert>;
  if (live.length === 0) {
    return (
      <Stack gap="sm" data-testid="winback-no-journey">
        <Alert color="yellow" title={t('dashboards.winBack.noJourney')}>
          {t('dashboards.winBack.noJourneyHint')}
        </Alert>
        <Group justify="flex-end">
          <Button component={Link} to="/journeys">
            {t('dashboards.winBack.toJourneys')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Select
        label={t('dashboards.winBack.journey')}
        description={t('dashboards.winBack.journeyHint')}
        data={live.map((j) => ({ value: j.id, label: j.name }))}
        value={journeyId}
        onChange={setPicked}
        allowDeselect={false}
        disabled={busy || status === 'done'}
        data-testid="winback-journey"
      />
      {start.isError && <Alert color="red">{errorText(start.error, i18n.language)}</Alert>}
      {job.isError && <Alert color="red">{errorText(job.error, i18n.language)}</Alert>}
      {job.data && (
        <Stack gap={4} data-testid="winback-progress" data-status={job.data.status}>
          <Progress
            value={job.data.total > 0 ? (job.data.done / job.data.total) * 100 : 100}
            color={job.data.status === 'failed' ? 'red' : job.data.status === 'done' ? 'teal' : 'blue'}
            animated={job.data.status === 'running'}
            aria-label={t('dashboards.winBack.progress', { done: job.data.done, total: job.data.total })}
          />
          <Text size="sm">
            {job.data.status === 'done'
              ? t('dashboards.winBack.finished', { succeeded: job.data.succeeded, skipped: job.data.skipped })
              : job.data.status === 'failed'
                ? t('dashboards.winBack.failed', { error: job.data.error ?? '' })
                : t('dashboards.winBack.progress', { done: job.data.done, total: job.data.total })}
          </Text>
        </Stack>
      )}
      <Group justify="flex-end">
        <Button
          onClick={() => journeyId && start.mutate({ journeyId, filter: { tagsAny: tags } })}
          disabled={!journeyId || status === 'done'}
          loading={busy}
          data-testid="winback-start"
        >
          {t('dashboards.winBack.start', { count })}
        </Button>
      </Group>
    </Stack>
  );
}
