import { BarChart } from '@mantine/charts';
import { SegmentedControl, Table, Text } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStages } from '../customers/StagePicker.tsx';
import { useTRPC } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { percentOf } from './format.ts';
import type { Period } from './period.ts';
import { csvName } from './period.ts';
import type { StageFunnel } from './types.ts';
import { REFRESH_MS } from './types.ts';

/** What the funnel counts; the chart and the table always count the same (docs/analytics.md). */
export type FunnelView = 'now' | 'period';
const VIEWS: FunnelView[] = ['period', 'now'];

/** One row of the chart and the table, whichever the view: the bar is `customers`. */
type Row = { key: string; stage: string; customers: number; share?: number | null; movedOn?: number | null; rate?: number | null };

function rowsOf(funnel: StageFunnel, view: FunnelView, stageName: (stage: string | null) => string): Row[] {
  if (view === 'now') {
    const total = funnel.current.reduce((n, s) => n + s.customers, 0);
    return funnel.current.map((s) => ({ key: s.stage ?? '-', stage: stageName(s.stage), customers: s.customers, share: total === 0 ? null : s.customers / total }));
  }
  return funnel.period.map((p) => ({ key: p.stage, stage: stageName(p.stage), customers: p.passed, movedOn: p.movedOn, rate: p.rate }));
}

/** The stage funnel, counted one of two ways the manager picks: customers in each stage now, or who passed through each stage in the period. */
export function FunnelCard({ period }: { period: Period }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { label } = useStages();
  const [view, setView] = useLocalStorage<FunnelView>({ key: 'sopline.dashboards.funnelView', defaultValue: 'period', getInitialValueInEffect: false });
  // On a phone the two long definitions do not fit side by side: one above the other.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const query = useQuery(trpc.analytics.stageFunnel.queryOptions(period, { refetchInterval: REFRESH_MS }));
  const stageName = (stage: string | null) => (stage === null ? t('dashboards.noStage') : label(stage));
  const data = query.data;
  const total = data?.current.reduce((n, s) => n + s.customers, 0) ?? 0;
  const rows = data ? rowsOf(data, view, stageName) : [];
  const count = t(`dashboards.funnel.counts.${view}`);
  // The skip rule shown with the workspace's own stages: the 2nd straight to the 4th counts toward the 3rd
  // (retail: paid → advocate counts toward repeat buyer); with three stages, the 1st to the 3rd.
  const skipExample = (stages: string[]) => {
    const at = stages.length >= 4 ? 1 : 0;
    if (stages.length < 3) return '';
    return t('dashboards.funnel.skipExample', { from: stageName(stages[at]!), between: stageName(stages[at + 1]!), to: stageName(stages[at + 2]!) });
  };
  const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? t('dashboards.none') : t('dashboards.percent', { value: percentOf(rate) }));

  const exportCsv = () => {
    const header =
      view === 'now'
        ? [t('dashboards.funnel.stage'), count, `${t('dashboards.funnel.share')} %`]
        : [t('dashboards.funnel.stage'), count, t('dashboards.funnel.movedOn'), `${t('dashboards.funnel.rate')} %`];
    const lines = rows.map((r) => (view === 'now' ? [r.stage, r.customers, percentOf(r.share ?? null)] : [r.stage, r.customers, r.movedOn ?? null, percentOf(r.rate ?? null)]));
    downloadCsv(csvName(view === 'now' ? 'stage-funnel-now' : 'stage-funnel', period), toCsv(header, lines));
  };

  return (
    <ChartCard
      testId="chart-funnel"
      title={t('dashboards.funnel.title')}
      help={t('dashboards.funnel.help')}
      query={query}
      empty={total === 0}
      emptyText={t('dashboards.funnel.empty')}
      onExport={exportCsv}
    >
      {data && (
        <>
          <SegmentedControl
            size="xs"
            fullWidth
            orientation={phone ? 'vertical' : 'horizontal'}
            aria-label={t('dashboards.funnel.view')}
            data={VIEWS.map((v) => ({ value: v, label: t(`dashboards.funnel.views.${v}`) }))}
            value={view}
            onChange={(v) => setView(v as FunnelView)}
            data-testid="funnel-view"
          />
          <Text size="xs" c="dimmed" data-testid="funnel-definition">
            {t(`dashboards.funnel.definition.${view}`, { example: skipExample(data.stages) })}
          </Text>
          <BarChart
            h={220}
            data={rows.map((r) => ({ stage: r.stage, customers: r.customers }))}
            dataKey="stage"
            series={[{ name: 'customers', label: count, color: view === 'now' ? 'teal.6' : 'indigo.6' }]}
            withBarValueLabel
            // Without a formatter Mantine draws empty value labels; with it each bar shows the table's number.
            valueFormatter={(v) => String(v)}
            tickLine="y"
            aria-label={count}
          />
          <Table.ScrollContainer minWidth={360}>
            <Table striped fz="sm" data-testid="funnel-table" data-view={view}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboards.funnel.stage')}</Table.Th>
                  <Table.Th ta="right">{count}</Table.Th>
                  {view === 'now' ? (
                    <Table.Th ta="right">{t('dashboards.funnel.share')}</Table.Th>
                  ) : (
                    <>
                      <Table.Th ta="right">{t('dashboards.funnel.movedOn')}</Table.Th>
                      <Table.Th ta="right">{t('dashboards.funnel.rate')}</Table.Th>
                    </>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.key} data-testid={`funnel-row-${r.key}`}>
                    <Table.Td>{r.stage}</Table.Td>
                    <Table.Td ta="right" data-testid={`funnel-count-${r.key}`}>
                      {r.customers}
                    </Table.Td>
                    {view === 'now' ? (
                      <Table.Td ta="right">{percent(r.share)}</Table.Td>
                    ) : (
                      <>
                        <Table.Td ta="right" data-testid={`funnel-moved-${r.key}`}>
                          {r.movedOn ?? t('dashboards.none')}
                        </Table.Td>
                        <Table.Td ta="right" fw={600} data-testid={`stage-conversion-${r.key}`}>
                          {percent(r.rate)}
                        </Table.Td>
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {view === 'period' && (
            <Text size="xs" c="dimmed">
              {t('dashboards.funnel.transitions', { count: data.transitions.reduce((n, x) => n + x.count, 0) })}
            </Text>
          )}
        </>
      )}
    </ChartCard>
  );
}
