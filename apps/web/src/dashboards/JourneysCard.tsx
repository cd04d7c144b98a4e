import { BarChart } from '@mantine/charts';
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { percentOf } from './format.ts';
import type { Period } from './period.ts';
import { csvName } from './period.ts';
import type { JourneyConversion } from './types.ts';
import { REFRESH_MS } from './types.ts';

const PARTS = [
  ['reachedGoal', 'teal.6'],
  ['completed', 'blue.5'],
  ['inJourney', 'yellow.5'],
  ['stopped', 'red.6'],
  ['dropped', 'gray.5'],
] as const;

/** Axis labels stay on one line; the table below has the full names. */
const shortName = (name: string) => (name.length > 14 ? `${name.slice(0, 13)}…` : name);

/** Each journey's cohort of the period: who reached the goal, finished, is still in, is stopped by a failed step, or dropped out. */
export function JourneysCard({ period }: { period: Period }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.journeyConversion.queryOptions(period, { refetchInterval: REFRESH_MS }));
  const rows = query.data ?? [];
  const rateText = (j: JourneyConversion) => (!j.hasGoal ? t('dashboards.journeys.noGoal') : j.rate === null ? t('dashboards.none') : t('dashboards.percent', { value: percentOf(j.rate) }));

  const exportCsv = () => {
    const header = [t('dashboards.journeys.journey'), ...PARTS.map(([key]) => t(`dashboards.journeys.${key}`)), t('dashboards.journeys.enrolled'), `${t('dashboards.journeys.rate')} %`];
    downloadCsv(csvName('journey-conversion', period), toCsv(header, rows.map((j) => [j.name, j.reachedGoal, j.completed, j.inJourney, j.stopped, j.dropped, j.enrolled, j.hasGoal ? percentOf(j.rate) : null])));
  };

  return (
    <ChartCard
      testId="chart-journeys"
      title={t('dashboards.journeys.title')}
      help={t('dashboards.journeys.help')}
      query={query}
      empty={rows.length === 0}
      emptyText={t('dashboards.journeys.empty')}
      onExport={exportCsv}
    >
      <BarChart
        h={Math.max(150, rows.length * 52 + 90)}
        data={rows.map((j) => ({ journey: j.name, reachedGoal: j.reachedGoal, completed: j.completed, inJourney: j.inJourney, stopped: j.stopped, dropped: j.dropped }))}
        dataKey="journey"
        type="stacked"
        orientation="vertical"
        yAxisProps={{ width: 150, interval: 0, tickFormatter: shortName }}
        series={PARTS.map(([name, color]) => ({ name, color, label: t(`dashboards.journeys.${name}`) }))}
        withLegend
        aria-label={t('dashboards.journeys.title')}
      />
      <Table.ScrollContainer minWidth={420}>
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboards.journeys.journey')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.journeys.enrolled')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.journeys.reachedGoal')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.journeys.rate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((j) => (
              <Table.Tr key={j.journeyId}>
                <Table.Td>
                  <Text size="sm" span>
                    {j.name}
                  </Text>{' '}
                  {j.status !== 'live' && (
                    <Badge size="xs" variant="light" color="gray">
                      {t(`dashboards.journeys.status.${j.status}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid={`journey-enrolled-${j.journeyId}`}>
                  {j.enrolled}
                </Table.Td>
                <Table.Td ta="right">{j.hasGoal ? j.reachedGoal : t('dashboards.none')}</Table.Td>
                <Table.Td ta="right" fw={600} data-testid={`journey-rate-${j.journeyId}`}>
                  {j.hasGoal ? (
                    rateText(j)
                  ) : (
                    <Tooltip label={t('dashboards.journeys.noGoalHint')}>
                      <Text size="sm" c="dimmed" span tabIndex={0}>
                        {rateText(j)}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}
