import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { durationText, percentOf } from './format.ts';
import type { Period } from './period.ts';
import { csvName } from './period.ts';
import type { RepCompletion } from './types.ts';
import { REFRESH_MS } from './types.ts';

/** Test ids and row keys: the rep's id, or 'unowned' for tasks of customers without an owner. */
export const repKey = (rep: { id: string } | null) => rep?.id ?? 'unowned';

/** Per rep: the share of the period's due tasks done, and the median time from due to done. */
export function RepsCard({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.taskCompletion.queryOptions(period, { refetchInterval: REFRESH_MS }));
  const rows = query.data ?? [];
  const name = (r: RepCompletion) => r.rep?.name ?? t('dashboards.reps.unowned');
  const medianText = (m: number | null) => {
    if (m === null) return t('dashboards.none');
    if (Math.abs(m) < 1) return t('dashboards.reps.onTime');
    return t(m < 0 ? 'dashboards.reps.early' : 'dashboards.reps.late', { time: durationText(m, i18n.language) });
  };

  const exportCsv = () => {
    const header = [t('dashboards.reps.rep'), t('dashboards.reps.due'), t('dashboards.reps.done'), t('dashboards.reps.skipped'), t('dashboards.reps.open'), `${t('dashboards.reps.rate')} %`, `${t('dashboards.reps.median')} (min)`];
    downloadCsv(csvName('task-completion', period), toCsv(header, rows.map((r) => [name(r), r.due, r.done, r.skipped, r.open, percentOf(r.completionRate), r.medianMinutesToDone])));
  };

  return (
    <ChartCard
      testId="chart-reps"
      title={t('dashboards.reps.title')}
      help={t('dashboards.reps.help')}
      query={query}
      empty={rows.length === 0}
      emptyText={t('dashboards.reps.empty')}
      onExport={exportCsv}
    >
      <BarChart
        h={200}
        data={rows.map((r) => ({ rep: name(r), rate: r.completionRate === null ? 0 : Number(percentOf(r.completionRate)) }))}
        dataKey="rep"
        series={[{ name: 'rate', label: t('dashboards.reps.rate'), color: 'blue.6' }]}
        valueFormatter={(v) => `${v}%`}
        yAxisProps={{ domain: [0, 100] }}
        withBarValueLabel
        aria-label={t('dashboards.reps.title')}
      />
      <Table.ScrollContainer minWidth={520}>
        <Table striped fz="sm" data-testid="reps-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboards.reps.rep')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.reps.due')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.reps.done')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.reps.skipped')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.reps.rate')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.reps.median')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={repKey(r.rep)} data-testid={`rep-row-${repKey(r.rep)}`}>
                <Table.Td>{name(r)}</Table.Td>
                <Table.Td ta="right" data-testid={`due-count-${repKey(r.rep)}`}>
                  {r.due}
                </Table.Td>
                <Table.Td ta="right" data-testid={`done-count-${repKey(r.rep)}`}>
                  {r.done}
                </Table.Td>
                <Table.Td ta="right">{r.skipped}</Table.Td>
                <Table.Td ta="right" fw={600} data-testid={`completion-rate-${repKey(r.rep)}`} aria-label={`${t('dashboards.reps.rate')} · ${name(r)}`}>
                  {r.completionRate === null ? t('dashboards.none') : t('dashboards.percent', { value: percentOf(r.completionRate) })}
                </Table.Td>
                <Table.Td ta="right" data-testid={`median-time-${repKey(r.rep)}`}>
                  {medianText(r.medianMinutesToDone)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}
