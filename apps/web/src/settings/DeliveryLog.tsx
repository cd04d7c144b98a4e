import { Alert, Badge, Button, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../layout/clock.ts';
import { errorText, useTRPC } from '../trpc.ts';

const PAGE = 20;
const STATUS_COLOR = { pending: 'yellow', delivered: 'teal', failed: 'red' } as const;

/** The workspace's delivery log, newest first, a page at a time. */
export function DeliveryLog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const [page, setPage] = useState(0);
  const log = useQuery(trpc.reminders.deliveries.queryOptions({ limit: PAGE, offset: page * PAGE }, { refetchInterval: 15_000 }));
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE));
  return (
    <>
      <Title order={4} mt="md">
        {t('settings.log.title')}
      </Title>
      {log.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {log.isError && <Alert color="red">{errorText(log.error, lang)}</Alert>}
      {log.data && log.data.total === 0 && (
        <Text size="sm" c="dimmed" data-testid="log-empty">
          {t('settings.log.empty')}
        </Text>
      )}
      {log.data && log.data.total > 0 && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="delivery-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.log.when')}</Table.Th>
                  <Table.Th>{t('settings.log.kind')}</Table.Th>
                  <Table.Th>{t('settings.log.to')}</Table.Th>
                  <Table.Th>{t('settings.log.summary')}</Table.Th>
                  <Table.Th>{t('settings.log.status')}</Table.Th>
                  <Table.Th>{t('settings.log.attempts')}</Table.Th>
                  <Table.Th>{t('settings.log.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{formatDateTime(d.createdAt, lang)}</Table.Td>
                    <Table.Td>{t(`settings.log.kinds.${d.kind}`)}</Table.Td>
                    <Table.Td>{d.user?.name ?? '—'}</Table.Td>
                    <Table.Td>{d.summary}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[d.status]} variant="light">
                        {t(`settings.log.statuses.${d.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2} title={d.lastError ?? undefined}>
                        {d.lastError ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('settings.log.prev')}
              </Button>
              <Text size="sm">{t('settings.log.page', { page: page + 1, pages })}</Text>
              <Button size="xs" variant="default" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                {t('settings.log.next')}
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );
}
