import { BarChart } from '@mantine/charts';
import { Button, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC, useTRPCClient } from '../trpc.ts';
import { ChartCard } from './ChartCard.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { todayIn } from './period.ts';
import { notDeliveredReason, remindRep } from './remind.ts';
import { repKey } from './RepsCard.tsx';
import type { RepOverdue } from './types.ts';
import { formatDateTime } from '../layout/clock.ts';
import { REFRESH_MS } from './types.ts';

/** Open tasks past due now, per rep, each with a button that reminds the rep. */
export function OverdueCard({ zone }: { zone: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const query = useQuery(trpc.analytics.overdueByRep.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const rows = query.data ?? [];
  const total = rows.reduce((n, r) => n + r.overdue, 0);
  const name = (r: RepOverdue) => r.rep?.name ?? t('dashboards.reps.unowned');
  const when = (iso: string | null) => (iso === null ? t('dashboards.none') : formatDateTime(iso, i18n.language, { zone }));

  const remind = useMutation({
    mutationFn: (rep: { id: string; name: string }) => remindRep(client, rep.id),
    onSuccess: (result, rep) => {
      if (result.delivered) notifications.show({ color: 'teal', message: t('dashboards.overdue.reminded', { name: rep.name }) });
      else notifications.show({ color: 'orange', message: t('dashboards.overdue.notDelivered', { name: rep.name, reason: notDeliveredReason(result, i18n.language) }) });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('common.error'), message: errorText(error, i18n.language) }),
  });

  const exportCsv = () => {
    const header = [t('dashboards.overdue.rep'), t('dashboards.overdue.overdue'), t('dashboards.overdue.oldest')];
    downloadCsv(`sopline-overdue-${todayIn(zone)}.csv`, toCsv(header, rows.map((r) => [name(r), r.overdue, r.oldestDueAt])));
  };

  return (
    <ChartCard
      testId="chart-overdue"
      title={t('dashboards.overdue.title')}
      help={t('dashboards.overdue.help')}
      query={query}
      empty={total === 0}
      emptyText={t('dashboards.overdue.empty')}
      onExport={exportCsv}
    >
      <BarChart
        h={180}
        data={rows.map((r) => ({ rep: name(r), overdue: r.overdue }))}
        dataKey="rep"
        series={[{ name: 'overdue', label: t('dashboards.overdue.overdue'), color: 'red.6' }]}
        withBarValueLabel
        aria-label={t('dashboards.overdue.title')}
      />
      <Table.ScrollContainer minWidth={420}>
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboards.overdue.rep')}</Table.Th>
              <Table.Th ta="right">{t('dashboards.overdue.overdue')}</Table.Th>
              <Table.Th>{t('dashboards.overdue.oldest')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const rep = r.rep;
              return (
                <Table.Tr key={repKey(rep)}>
                  <Table.Td>{name(r)}</Table.Td>
                  <Table.Td ta="right" fw={600} c={r.overdue > 0 ? 'red' : undefined} data-testid={`overdue-count-${repKey(rep)}`}>
                    {r.overdue}
                  </Table.Td>
                  <Table.Td>{r.overdue > 0 ? when(r.oldestDueAt) : t('dashboards.overdue.nothing')}</Table.Td>
                  <Table.Td ta="right">
                    {rep && rep.active && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        leftSection={<IconBell size={12} />}
                        disabled={r.overdue === 0}
                        loading={remind.isPending && remind.variables?.id === rep.id}
                        onClick={() => remind.mutate(rep)}
                        aria-label={`${t('dashboards.overdue.remind')} ${rep.name}`}
                        data-testid={`remind-${rep.id}`}
                      >
                        {t('dashboards.overdue.remind')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}
