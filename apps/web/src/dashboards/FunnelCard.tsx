import { BarChart } from '@mantine/charts';
import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { percentOf } from './format.ts';
import type { Period } from './period.ts';
import { csvName } from './period.ts';
import type { StageFunnel } from './types.ts';
import { REFRESH_MS } from './types.ts';

/** The stage funnel: customers per stage now, and conversion between consecutive stages in the period. */
export function FunnelCard({ period }: { period: Period }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery(trpc.analytics.stageFunnel.queryOptions(period, { refetchInterval: REFRESH_MS }));
  const stageName = (stage: string | null) => (stage === null ? t('dashboards.noStage') : (t(`dashboards.stages.${stage}`, { defaultValue: stage }) as string));
  const data = query.data;
  const total = data?.current.reduce((n, s) => n + s.customers, 0) ?? 0;

  const exportCsv = (funnel: StageFunnel) => {
    const header = [t('dashboards.funnel.from'), t('dashboards.funnel.customers'), t('dashboards.funnel.to'), t('dashboards.funnel.reached'), t('dashboards.funnel.converted'), `${t('dashboards.funnel.rate')} %`];
    const conversion = new Map(funnel.conversion.map((c) => [c.from, c]));
    const rows = funnel.current.map((s) => {
      const c = s.stage === null ? undefined : conversion.get(s.stage);
      return [stageName(s.stage), s.customers, c ? stageName(c.to) : null, c?.reached ?? null, c?.converted ?? null, c ? percentOf(c.rate) : null];
    });
    downloadCsv(csvName('stage-funnel', period), toCsv(header, rows));
  };

  return (
    <ChartCard
      testId="chart-funnel"
      title={t('dashboards.funnel.title')}
      help={t('dashboards.funnel.help')}
      query={query}
      empty={total === 0}
      emptyText={t('dashboards.funnel.empty')}
      onExport={() => data && exportCsv(data)}
    >
      {data && (
        <>
          <BarChart
            h={220}
            data={data.current.map((s) => ({ stage: stageName(s.stage), customers: s.customers }))}
            dataKey="stage"
            series={[{ name: 'customers', label: t('dashboards.funnel.chartNow'), color: 'teal.6' }]}
            withBarValueLabel
            tickLine="y"
            aria-label={t('dashboards.funnel.chartNow')}
          />
          <Table.ScrollContainer minWidth={420}>
            <Table striped fz="sm" data-testid="funnel-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboards.funnel.from')}</Table.Th>
                  <Table.Th>{t('dashboards.funnel.to')}</Table.Th>
                  <Table.Th ta="right">{t('dashboards.funnel.reached')}</Table.Th>
                  <Table.Th ta="right">{t('dashboards.funnel.converted')}</Table.Th>
                  <Table.Th ta="right">{t('dashboards.funnel.rate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.conversion.map((c) => (
                  <Table.Tr key={`${c.from}-${c.to}`}>
                    <Table.Td>{stageName(c.from)}</Table.Td>
                    <Table.Td>{stageName(c.to)}</Table.Td>
                    <Table.Td ta="right">{c.reached}</Table.Td>
                    <Table.Td ta="right">{c.converted}</Table.Td>
                    <Table.Td ta="right" fw={600} data-testid={`stage-conversion-${c.from}-${c.to}`}>
                      {c.rate === null ? t('dashboards.none') : t('dashboards.percent', { value: percentOf(c.rate) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            {t('dashboards.funnel.transitions', { count: data.transitions.reduce((n, x) => n + x.count, 0) })}
          </Text>
        </>
      )}
    </ChartCard>
  );
}
