import { Alert, Badge, Button, Group, List, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AppRouter } from '@sopline/api';
import { IconBellRinging, IconBrandWechat, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';

type Outputs = inferRouterOutputs<AppRouter>['groupSends'];
type Candidate = Outputs['candidates']['groups'][number];
type Send = Outputs['list'][number];

const lineClamp = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' as const, overflow: 'hidden', whiteSpace: 'pre-wrap' as const };

/**
 * The top of the inbox for a rep linked to WeCom: the groups of today's tasks that share a script
 * ("send this to these 12"), each sent as one WeCom group send the rep confirms in WeCom, and the
 * sends still waiting for that confirmation, to check now, remind or cancel. Nothing shows for a
 * rep without a WeCom account or without such groups.
 */
export function GroupSendPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const candidates = useQuery(trpc.groupSends.candidates.queryOptions(undefined, { refetchInterval: 30_000 }));
  const sends = useQuery(
    trpc.groupSends.list.queryOptions(
      {},
      // While a send waits for the rep, its results are read every 15 s on the server: follow along.
      { refetchInterval: (q) => ((q.state.data ?? []).some((s) => s.state === 'waiting') ? 10_000 : 60_000) },
    ),
  );
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const refreshAll = useRefreshAll();
  // A send that stops waiting has closed tasks (or freed them): the task list must follow.
  const waitingIds = (sends.data ?? []).filter((s) => s.state === 'waiting').map((s) => s.id).join(',');
  const before = useRef(waitingIds);
  useEffect(() => {
    const gone = before.current.split(',').some((id) => id !== '' && !waitingIds.split(',').includes(id));
    before.current = waitingIds;
    if (gone) void refreshAll();
  }, [waitingIds, refreshAll]);
  const groups = (candidates.data?.groups ?? []).filter((g) => g.sendable > 0);
  const waiting = (sends.data ?? []).filter((s) => s.state === 'waiting');
  if (!candidates.data?.linked || (groups.length === 0 && waiting.length === 0)) return null;

  return (
    <Paper withBorder p="sm" data-testid="group-send-panel">
      <Stack gap="xs">
        <Group gap={6} wrap="nowrap">
          <IconBrandWechat size={18} color="var(--mantine-color-teal-7)" />
          <Text fw={600}>{t('groupSend.title')}</Text>
        </Group>
        {waiting.map((send) => (
          <WaitingSend key={send.id} send={send} />
        ))}
        {groups.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('groupSend.intro')}
          </Text>
        )}
        {groups.map((g) => (
          <Paper key={g.content} bg="gray.0" p="xs" data-testid="group-send-group">
            <Stack gap={6}>
              <Text size="sm" style={lineClamp}>
                {g.content}
              </Text>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {t('groupSend.group', { count: g.taskIds.length })}
                  {g.excluded.length > 0 ? ` · ${t('groupSend.cannot', { count: g.excluded.length })}` : ''}
                </Text>
                <Button size="xs" leftSection={<IconBrandWechat size={14} />} onClick={() => setChosen(g)} data-testid="group-send-open">
                  {t('groupSend.send', { count: g.sendable })}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
      {chosen && <GroupSendDialog group={chosen} onClose={() => setChosen(null)} />}
    </Paper>
  );
}

function useRefreshAll() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.groupSends.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() }),
      ]),
    [queryClient, trpc],
  );
}

/** Who gets the script and who not (and why), then one tap asks WeCom. */
function GroupSendDialog({ group, onClose }: { group: Candidate; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const trpc = useTRPC();
  const refreshAll = useRefreshAll();
  const preview = useQuery(trpc.groupSends.preview.queryOptions({ taskIds: group.taskIds }));
  const start = useMutation(
    trpc.groupSends.start.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('groupSend.started'), autoClose: 10_000 });
        await refreshAll();
        onClose();
      },
    }),
  );
  const count = preview.data?.recipients.length ?? 0;
  return (
    <Modal opened onClose={onClose} title={t('groupSend.dialogTitle')} size="md">
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {t('groupSend.script')}
        </Text>
        <Paper bg="gray.0" p="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {group.content}
          </Text>
        </Paper>
        {preview.isPending ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('groupSend.loading')}</Text>
          </Group>
        ) : preview.isError ? (
          <Alert color="red">{errorText(preview.error, i18n.language)}</Alert>
        ) : (
          <>
            <Text size="sm" fw={500} data-testid="group-send-count">
              {t('groupSend.recipients', { count })}
            </Text>
            <Text size="sm" c="dimmed">
              {preview.data.recipients.map((r) => r.customerName).join('、')}
            </Text>
            {preview.data.excluded.length > 0 && (
              <>
                <Text size="sm" fw={500}>
                  {t('groupSend.excluded')}
                </Text>
                <List size="sm" spacing={2} data-testid="group-send-excluded">
                  {preview.data.excluded.map((e) => (
                    <List.Item key={e.taskId}>
                      {e.customerName}：{e.message[lang]}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </>
        )}
        {start.error && <Alert color="red">{errorText(start.error, i18n.language)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('groupSend.cancel')}
          </Button>
          <Button onClick={() => start.mutate({ taskIds: group.taskIds })} loading={start.isPending} disabled={count === 0} data-autofocus data-testid="group-send-confirm">
            {t('groupSend.confirm', { count })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A send waiting for the rep's tap in WeCom: what to do there, and check now / remind / cancel. */
function WaitingSend({ send }: { send: Send }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const refreshAll = useRefreshAll();
  const fail = (error: unknown) => notifications.show({ color: 'red', message: errorText(error, i18n.language) });
  const refresh = useMutation(trpc.groupSends.refresh.mutationOptions({ onSuccess: () => refreshAll(), onError: fail }));
  const remind = useMutation(trpc.groupSends.remind.mutationOptions({ onSuccess: async () => (notifications.show({ color: 'teal', message: t('groupSend.reminded') }), await refreshAll()), onError: fail }));
  const cancel = useMutation(trpc.groupSends.cancel.mutationOptions({ onSuccess: async () => (notifications.show({ color: 'teal', message: t('groupSend.stopped') }), await refreshAll()), onError: fail }));
  const total = send.items.length;
  return (
    <Alert color="yellow" variant="light" p="xs" data-testid="group-send-waiting">
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('groupSend.waiting', { count: send.counts.pending })}
        </Text>
        <Text size="xs" style={lineClamp}>
          {send.content}
        </Text>
        <Text size="xs" c="dimmed">
          {t('groupSend.waitingHelp')}
        </Text>
        {send.counts.sent > 0 && <Badge color="teal" variant="light">{t('groupSend.finished', { sent: send.counts.sent, total })}</Badge>}
        <Group gap="xs" wrap="wrap">
          <Button size="compact-sm" variant="light" leftSection={<IconRefresh size={14} />} loading={refresh.isPending} onClick={() => refresh.mutate({ id: send.id })} data-testid="group-send-refresh">
            {t('groupSend.refresh')}
          </Button>
          <Button size="compact-sm" variant="subtle" leftSection={<IconBellRinging size={14} />} loading={remind.isPending} disabled={send.remindersToday >= 3} onClick={() => remind.mutate({ id: send.id })} title={t('groupSend.remindLimit', { count: send.remindersToday })}>
            {t('groupSend.remind')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconX size={14} />} loading={cancel.isPending} onClick={() => cancel.mutate({ id: send.id })}>
            {t('groupSend.stop')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
