import { Anchor, Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { valueLabel } from '../forms/labels.ts';
import { useDesigner } from '../store.ts';
import { formatRelative, formatWhen } from './format.ts';
import { ListQuery } from './ListQuery.tsx';

const PAGE = 50;

/** Live view: the customers waiting at one node now, with when their wait ends. */
export function WaitingCustomers({ journeyId, nodeId, countsVersion }: { journeyId: string; nodeId: string; countsVersion: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const type = useDesigner((s) => s.nodes.find((n) => n.id === nodeId)?.data.type);
  const counts = useDesigner((s) => s.counts?.[nodeId]);
  const holds = type ? definitionOf(type)?.category === 'wait' : false;
  const list = useQuery({
    ...trpc.enrollments.list.queryOptions({ journeyId, nodeId, status: 'waiting', offset, limit: PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Stack gap="sm" data-testid="waiting-customers">
      <Text fw={600} size="sm">
        {t('designer.live.waitingTitle')}
      </Text>
      {counts && countsVersion !== null && (
        <Text size="xs" c="dimmed">
          {t('designer.live.counts', { version: countsVersion, entered: number.format(counts.entered), waiting: number.format(counts.waitingNow), exited: number.format(counts.exited) })}
        </Text>
      )}
      <ListQuery
        query={list}
        failed={(error) => t('designer.live.loadFailed', { error: errorText(error, i18n.language) })}
        empty={
          <Text size="sm" c="dimmed">
            {holds ? t('designer.live.noneWaiting') : t('designer.live.notAWait')}
          </Text>
        }
      >
        {(data) => (
          <>
            <Text size="sm">{t('designer.live.waitingTotal', { count: data.total })}</Text>
            <Stack gap={4}>
              {data.items.map((e) => {
                const expanded = open === e.id;
                return (
                  <Paper key={e.id} withBorder p={6} radius="sm">
                    <UnstyledButton w="100%" onClick={() => setOpen(expanded ? null : e.id)} aria-expanded={expanded}>
                      <Group gap={6} wrap="nowrap" justify="space-between">
                        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                          {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                          <Text size="sm" fw={500} truncate>
                            {e.customer.name ?? e.customer.id}
                          </Text>
                          {e.version !== null && (
                            <Badge size="xs" variant="light" color="gray">
                              {t('designer.live.version', { version: e.version })}
                            </Badge>
                          )}
                        </Group>
                        {e.waitUntil && (
                          <Text size="xs" c="dimmed" title={formatWhen(e.waitUntil, i18n.language)} style={{ flexShrink: 0 }}>
                            {formatRelative(e.waitUntil, i18n.language)}
                          </Text>
                        )}
                      </Group>
                    </UnstyledButton>
                    {expanded && (
                      <Stack gap={2} mt={6} ml={20}>
                        {e.waitUntil && <Text size="xs">{t('designer.live.until', { when: formatWhen(e.waitUntil, i18n.language) })}</Text>}
                        {e.waitingFor && <Text size="xs">{t('designer.live.forEvent', { event: valueLabel(['kind'], e.waitingFor, lang) })}</Text>}
                        <Text size="xs">{t('designer.live.started', { when: formatWhen(e.startedAt, i18n.language) })}</Text>
                        <Anchor component={Link} to={`/customers/${e.customer.id}`} size="xs">
                          {t('customers.page.open')}
                        </Anchor>
                      </Stack>
                    )}
                  </Paper>
                );
              })}
            </Stack>
            {data.total > PAGE && (
              <Group justify="space-between">
                <Button size="compact-xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('designer.live.previous')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('designer.live.page', { from: offset + 1, to: Math.min(offset + PAGE, data.total), total: data.total })}
                </Text>
                <Button size="compact-xs" variant="default" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
                  {t('designer.live.next')}
                </Button>
              </Group>
            )}
          </>
        )}
      </ListQuery>
    </Stack>
  );
}
