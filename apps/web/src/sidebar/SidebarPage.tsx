import { Alert, Anchor, Avatar, Badge, Button, Center, Container, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { copyText } from '../inbox/clipboard.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { setClockZone } from '../layout/clock.ts';
import { useWorkspaceTime } from '../layout/time.ts';
import { errorText, httpStatusOf, useTRPC, useTRPCClient } from '../trpc.ts';
import { currentCustomer, inWeCom, pageUrl, registerSidebar, sendToChat, weComErrMsg } from './wecom-bridge.ts';

type Phase = { kind: 'connecting' } | { kind: 'ready'; externalUserId: string } | { kind: 'failed'; step: 'register' | 'contact' | 'server'; reason: string };

/**
 * The chat sidebar (聊天工具栏), opened by WeCom beside a chat with a customer: the rep is signed in
 * through WeCom (no password on a phone), the page registers with WeCom, asks who the customer is,
 * and shows their stage, tags, journeys and the rep's tasks for them — "send" puts the script into
 * the chat and marks the task done. Opened anywhere else it says what is missing.
 */
export function SidebarPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  const workspace = params.get('ws');
  const signedOut = me.isError && httpStatusOf(me.error) === 401;
  const here = inWeCom();

  // Inside WeCom, signing in is a silent redirect through WeCom's OAuth, back to this very page.
  useEffect(() => {
    if (signedOut && here) {
      const next = `${window.location.pathname}${window.location.search}`;
      window.location.replace(`/api/wecom/signin?${new URLSearchParams({ next, ...(workspace ? { workspace } : {}) })}`);
    }
  }, [signedOut, here, workspace]);

  if (me.isPending || (signedOut && here)) return <Connecting />;
  if (!here || signedOut) return <Outside signedOut={signedOut} />;
  setClockZone(me.data?.timeZone);
  return <InWeCom />;
}

function Connecting() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Stack align="center" gap="xs">
        <Loader />
        <Text size="sm">{t('sidebar.loading')}</Text>
      </Stack>
    </Center>
  );
}

/** Not in WeCom, or not signed in: what is missing, and where to go instead. */
function Outside({ signedOut }: { signedOut: boolean }) {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="md" px="sm">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('sidebar.outside.title')}</Title>
          <LanguageSwitch />
        </Group>
        <Text size="sm">{t('sidebar.outside.body')}</Text>
        <Alert color="yellow" title={t('sidebar.outside.missing')} data-testid="sidebar-outside">
          <List size="sm">
            <List.Item>{t('sidebar.outside.notWeCom')}</List.Item>
          </List>
        </Alert>
        {signedOut ? (
          <Button component={Link} to="/login" state={{ from: '/inbox' }}>
            {t('sidebar.outside.signIn')}
          </Button>
        ) : (
          <Button component={Link} to="/inbox" variant="light">
            {t('sidebar.outside.inbox')}
          </Button>
        )}
      </Stack>
    </Container>
  );
}

function InWeCom() {
  const { t, i18n } = useTranslation();
  const client = useTRPCClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      setPhase({ kind: 'connecting' });
      let step: 'server' | 'register' | 'contact' = 'server';
      try {
        const sign = (url: string) => client.wecom.agentConfig.mutate({ url });
        const first = await sign(pageUrl());
        step = 'register';
        await registerSidebar(first, sign);
        step = 'contact';
        const externalUserId = await currentCustomer();
        if (live) setPhase({ kind: 'ready', externalUserId });
      } catch (err) {
        const reason = weComErrMsg(err) ?? errorText(err, i18n.language);
        if (live) setPhase({ kind: 'failed', step, reason });
      }
    })();
    return () => {
      live = false;
    };
  }, [client, attempt, i18n.language]);

  if (phase.kind === 'connecting') return <Connecting />;
  if (phase.kind === 'failed') {
    return (
      <Container size="xs" py="md" px="sm">
        <Alert color="red" data-testid="sidebar-failed">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t(`sidebar.failed.${phase.step}`, { reason: phase.reason })}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => setAttempt((n) => n + 1)}>
              {t('sidebar.retry')}
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
  return <CustomerPanel externalUserId={phase.externalUserId} />;
}

function CustomerPanel({ externalUserId }: { externalUserId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.wecom.sidebar.queryOptions({ externalUserId }));
  const stages = useQuery(trpc.stages.list.queryOptions());
  const formatTime = useWorkspaceTime();
  const [busy, setBusy] = useState<string | null>(null);

  if (data.isPending) return <Connecting />;
  if (data.isError) {
    return (
      <Container size="xs" py="md" px="sm">
        <Alert color="red">{t('sidebar.failed.server', { reason: errorText(data.error, i18n.language) })}</Alert>
      </Container>
    );
  }
  if (!data.data.found) {
    return (
      <Container size="xs" py="md" px="sm">
        <Alert color="blue" data-testid="sidebar-unknown">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('sidebar.unknown')}</Text>
            <Button size="xs" variant="light" onClick={() => void data.refetch()}>
              {t('sidebar.retry')}
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
  const { customer, tags, journeys, tasks } = data.data;
  const stage = stages.data?.find((s) => s.code === customer.stage);

  const send = async (taskId: string, script: string) => {
    setBusy(taskId);
    try {
      await sendToChat(script);
      await client.tasks.complete.mutate({ taskId, outcome: 'sent' });
      notifications.show({ color: 'teal', message: t('sidebar.sent') });
      await queryClient.invalidateQueries({ queryKey: trpc.wecom.sidebar.queryKey() });
    } catch (err) {
      notifications.show({ color: 'red', message: weComErrMsg(err) ?? errorText(err, i18n.language) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Container size="xs" py="sm" px="sm" data-testid="sidebar-customer">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Avatar src={customer.avatarUrl} radius="xl" alt="" />
          <div>
            <Text fw={600}>{customer.name}</Text>
            <Badge variant="outline" size="sm" data-testid="sidebar-stage">
              {stage ? stage.label[lang] : t('sidebar.noStage')}
            </Badge>
          </div>
        </Group>
        {tags.length > 0 && (
          <Group gap={4}>
            {tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        <Paper withBorder p="xs">
          <Text size="sm" fw={500} mb={4}>
            {t('sidebar.journeys')}
          </Text>
          {journeys.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('sidebar.noJourneys')}
            </Text>
          ) : (
            journeys.map((j) => (
              <Text size="xs" key={j.id} data-testid="sidebar-journey">
                {j.journey.name}
                {j.currentNode ? ` · ${j.currentNode.label ?? j.currentNode.title?.[lang] ?? ''}` : ''}
                {j.status === 'waiting' ? ` · ${j.waitUntil ? t('sidebar.waitingUntil', { when: formatTime(j.waitUntil) }) : t('sidebar.waitingFor')}` : ''}
              </Text>
            ))
          )}
        </Paper>
        <Text size="sm" fw={500}>
          {t('sidebar.tasks')}
        </Text>
        {tasks.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('sidebar.noTasks')}
          </Text>
        ) : (
          tasks.map((task) => (
            <Paper key={task.id} withBorder p="xs" data-testid="sidebar-task">
              <Stack gap={6}>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={500}>
                    {task.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('sidebar.due', { when: formatTime(task.dueAt) })}
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="sidebar-script">
                  {task.script}
                </Text>
                <Group gap="xs">
                  <Button size="xs" leftSection={<IconSend size={14} />} loading={busy === task.id} onClick={() => void send(task.id, task.script)} data-testid="sidebar-send">
                    {t('sidebar.send')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconCopy size={14} />}
                    onClick={() => void copyText(task.script).then((ok) => ok && notifications.show({ color: 'teal', message: t('sidebar.copied') }))}
                  >
                    {t('sidebar.copy')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))
        )}
        <Anchor component={Link} to="/inbox" size="xs">
          {t('sidebar.outside.inbox')}
        </Anchor>
      </Stack>
    </Container>
  );
}
