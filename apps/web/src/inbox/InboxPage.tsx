import { Alert, Badge, Button, Checkbox, Container, Group, Loader, Progress, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { errorText, useTRPC, useTRPCClient } from '../trpc.ts';
import { copyText } from './clipboard.ts';
import { usePageToasts } from './usePageToasts.ts';
import type { View } from './EmptyInbox.tsx';
import { EmptyInbox } from './EmptyInbox.tsx';
import { GroupSendPanel } from './GroupSendPanel.tsx';
import { OutcomeDialog } from './OutcomeDialog.tsx';
import { formatRelativeDay } from '../layout/clock.ts';
import { SnoozeDialog } from './SnoozeDialog.tsx';
import type { Outcome, Task } from './task.ts';
import { TaskCard } from './TaskCard.tsx';
import { keyAction, moveFocus, selectionReducer } from './logic.ts';

const VIEWS: View[] = ['today', 'overdue', 'upcoming', 'done'];
type Dialog = { kind: 'outcome'; mode: 'done' | 'skip'; task: Task } | { kind: 'bulk' } | { kind: 'snooze'; task: Task } | null;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const manager = me.data?.user.role === 'admin' || me.data?.user.role === 'ops';
  // The tab (?tab=overdue) and, for managers, the team's tasks (?scope=team) live in the address, so the way
  // back from a customer (the back link and the browser's) returns to them; reps see their own.
  const [params, setParams] = useSearchParams();
  // A rep sent here from a page for ops managers (App's role guard) is told why.
  const location = useLocation();
  const [opsOnly, setOpsOnly] = useState((location.state as { notice?: unknown } | null)?.notice === 'ops-only');
  const tab = params.get('tab');
  const view: View = VIEWS.includes(tab as View) ? (tab as View) : 'today';
  const team = manager && params.get('scope') === 'team';
  const setParam = (key: 'tab' | 'scope', value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const setTeam = (on: boolean) => setParam('scope', on ? 'team' : null);
  const setView = (v: View) => setParam('tab', v === 'today' ? null : v);
  const counts = useQuery(trpc.tasks.counts.queryOptions(undefined, { refetchInterval: 30_000 }));
  const pages = { getNextPageParam: (p: { nextCursor: string | null }) => p.nextCursor ?? undefined };
  const mine = useInfiniteQuery({ ...trpc.tasks.mine.infiniteQueryOptions({ view, limit: 50 }, pages), enabled: !team });
  const teams = useInfiniteQuery({ ...trpc.tasks.team.infiniteQueryOptions({ view, limit: 50 }, pages), enabled: team });
  const list = team ? teams : mine;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [selected, dispatch] = useReducer(selectionReducer, []);
  const [focus, setFocus] = useState(-1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [bulk, setBulk] = useState<{ done: number; total: number } | null>(null);
  // Only the owner acts on a task: the team's tasks are there to look over.
  const open = view !== 'done' && !team;
  const items = (list.data?.pages.flatMap((p) => p.items) ?? []).filter((task) => !open || !hidden.has(task.id));
  const ids = items.map((task) => task.id).join(',');

  useEffect(() => dispatch({ type: 'keep', ids: ids === '' ? [] : ids.split(',') }), [ids]);
  useEffect(() => {
    dispatch({ type: 'clear' });
    setFocus(-1);
  }, [view, team]);

  const hide = (id: string, on: boolean) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
  const toast = usePageToasts();
  const fail = (error: unknown) => toast({ color: 'red', title: t('common.error'), message: errorText(error, lang) });

  /** Removes the card at once, runs the call, then refetches; puts the card back if the call fails. */
  async function act(task: Task, call: () => Promise<unknown>, message: string) {
    hide(task.id, true);
    try {
      await call();
      toast({ color: 'teal', message, icon: <IconCheck size={16} /> });
      await refresh();
    } catch (error) {
      fail(error);
    } finally {
      hide(task.id, false);
    }
  }

  /** Copies the script; `quiet` leaves the success toast to the caller (copy and mark sent says both in one). */
  async function copy(task: Task, quiet = false): Promise<boolean> {
    const ok = await copyText(task.script);
    if (!ok) toast({ color: 'red', message: t('inbox.copyFailed') });
    else if (!quiet) toast({ color: 'teal', message: t('inbox.copied'), icon: <IconCopy size={16} /> });
    return ok;
  }

  const close = (task: Task, mode: 'done' | 'skip', outcome: Outcome, note?: string, message?: string) =>
    act(
      task,
      () => (mode === 'done' ? client.tasks.complete : client.tasks.skip).mutate({ taskId: task.id, outcome, note: note || undefined }),
      message ?? t(mode === 'done' ? 'inbox.completed' : 'inbox.skipped', { name: task.customer.name }),
    );

  // One toast, not two stacked ones. (No undo: the server has no way to reopen a closed task.)
  async function copyAndSend(task: Task) {
    if (await copy(task, true)) await close(task, 'done', 'sent', undefined, t('inbox.copiedSent', { name: task.customer.name }));
  }

  function snooze(task: Task, until: Date) {
    void act(task, () => client.tasks.snooze.mutate({ taskId: task.id, until: until.toISOString() }), t('inbox.snoozed', { when: formatRelativeDay(until.toISOString(), lang) }));
  }

  async function completeSelected(outcome: Outcome, note?: string) {
    const chosen = items.filter((task) => selected.includes(task.id));
    let failed = 0;
    setBulk({ done: 0, total: chosen.length });
    for (const [i, task] of chosen.entries()) {
      hide(task.id, true);
      try {
        await client.tasks.complete.mutate({ taskId: task.id, outcome, note: note || undefined });
      } catch (error) {
        failed++;
        hide(task.id, false);
        if (failed === 1) fail(error);
      }
      setBulk({ done: i + 1, total: chosen.length });
    }
    toast({ color: failed ? 'orange' : 'teal', message: failed ? t('inbox.bulkFailed', { count: failed }) : t('inbox.bulkDone', { count: chosen.length }) });
    dispatch({ type: 'clear' });
    await refresh();
    setHidden(new Set());
    setBulk(null);
  }

  // Keyboard shortcuts; the latest state is read through a ref so the listener is added once.
  const keys = useRef({ items, focus, open, dialog, copy });
  keys.current = { items, focus, open, dialog, copy };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = keys.current;
      if (s.dialog) return;
      const action = keyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null });
      if (!action) return;
      if (action === 'next' || action === 'prev') {
        e.preventDefault();
        const next = moveFocus(s.focus, action, s.items.length);
        setFocus(next);
        document.getElementById(`task-${s.items[next]?.id}`)?.scrollIntoView({ block: 'nearest' });
        return;
      }
      const task = s.items[s.focus];
      if (!task) return;
      if (action === 'copy') {
        if (task.script.trim() !== '') void s.copy(task);
      }
      else if (!s.open) return;
      else if (action === 'done') setDialog({ kind: 'outcome', mode: 'done', task });
      else if (action === 'snooze') setDialog({ kind: 'snooze', task });
      else dispatch({ type: 'toggle', id: task.id });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const countOf = (v: View) => (team ? undefined : v === 'today' ? counts.data?.today : v === 'overdue' ? counts.data?.overdue : undefined);

  return (
    <Container size="md" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="sm">
        {/* Selecting sits beside the title, so the cards start higher on a phone. */}
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={2} fz={{ base: 'h3', sm: 'h2' }}>
            {t('inbox.title')}
          </Title>
          {open && items.length > 0 && (
            <Group gap="sm" wrap="wrap">
              <Checkbox
                label={t('inbox.selectAll')}
                checked={selected.length > 0 && selected.length === items.length}
                indeterminate={selected.length > 0 && selected.length < items.length}
                onChange={() => dispatch({ type: 'all', ids: items.map((task) => task.id) })}
                disabled={bulk !== null}
              />
              {selected.length > 0 && (
                <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setDialog({ kind: 'bulk' })} disabled={bulk !== null}>
                  {t('inbox.bulkComplete', { count: selected.length })}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {opsOnly && (
          <Alert color="blue" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setOpsOnly(false)} data-testid="ops-only-notice">
            {t('inbox.opsOnly')}
          </Alert>
        )}
        {manager && (
          <SegmentedControl
            aria-label={t('inbox.scopeLabel')}
            value={team ? 'team' : 'mine'}
            onChange={(v) => setTeam(v === 'team')}
            data={[
              { value: 'mine', label: t('inbox.scope.mine') },
              { value: 'team', label: t('inbox.scope.team') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            data-testid="inbox-scope"
          />
        )}
        <Tabs value={view} onChange={(v) => v && setView(v as View)}>
          {/* One line even on a phone: the tabs scroll sideways rather than wrap under each other. */}
          <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'none' }}>
            {VIEWS.map((v) => (
              <Tabs.Tab key={v} value={v} px={{ base: 'xs', sm: 'md' }} style={{ flexShrink: 0 }} rightSection={countOf(v) ? <Badge size="sm" variant="light" color={v === 'overdue' ? 'red' : 'teal'}>{countOf(v)}</Badge> : null}>
                {t(`inbox.tabs.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {team ? (
          <Text size="xs" c="dimmed">
            {t('inbox.teamHint')}
          </Text>
        ) : (
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {t('inbox.hint')}
          </Text>
        )}
        {!team && (view === 'today' || view === 'overdue') && <GroupSendPanel />}

        {bulk && (
          <Stack gap={4}>
            <Text size="sm">{t('inbox.bulkProgress', bulk)}</Text>
            <Progress value={(bulk.done / Math.max(bulk.total, 1)) * 100} animated />
          </Stack>
        )}

        {list.isPending ? (
          <Group justify="center" py="xl">
            <Loader />
          </Group>
        ) : list.isError ? (
          <Alert color="red" title={t('inbox.loadError')} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errorText(list.error, lang)}</Text>
              <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
                {t('common.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : items.length === 0 ? (
          <EmptyInbox view={view} team={team} manager={manager} overdue={counts.data?.overdue ?? 0} onView={setView} onTeam={() => setTeam(true)} />
        ) : (
          <Stack gap="sm">
            {items.map((task, i) => (
              <TaskCard
                key={task.id}
                task={task}
                focused={i === focus}
                selectable={open}
                showOwner={team}
                selected={selected.includes(task.id)}
                busy={bulk !== null}
                onFocus={() => setFocus(i)}
                onToggle={() => dispatch({ type: 'toggle', id: task.id })}
                onCopy={() => void copy(task)}
                onCopySend={() => void copyAndSend(task)}
                onDone={() => setDialog({ kind: 'outcome', mode: 'done', task })}
                onSkip={() => setDialog({ kind: 'outcome', mode: 'skip', task })}
                onSnooze={() => setDialog({ kind: 'snooze', task })}
              />
            ))}
            {list.hasNextPage && (
              <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('inbox.loadMore')}
              </Button>
            )}
          </Stack>
        )}
      </Stack>

      <OutcomeDialog
        dialog={dialog?.kind === 'outcome' || dialog?.kind === 'bulk' ? dialog : null}
        count={selected.length}
        onClose={() => setDialog(null)}
        onConfirm={(outcome, note) => {
          const d = dialog;
          setDialog(null);
          if (d?.kind === 'outcome') void close(d.task, d.mode, outcome, note);
          else if (d?.kind === 'bulk') void completeSelected(outcome, note);
        }}
      />
      <SnoozeDialog
        opened={dialog?.kind === 'snooze'}
        onClose={() => setDialog(null)}
        onSnooze={(until) => {
          if (dialog?.kind === 'snooze') snooze(dialog.task, until);
          setDialog(null);
        }}
      />
    </Container>
  );
}
