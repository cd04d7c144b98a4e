import type { Lang } from '@sopline/graph';
import { Anchor, Badge, Button, Checkbox, Code, Drawer, Group, Modal, Paper, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPlayerSkipForward, IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { describeNode } from '../canvas/nodeView.ts';
import { useDesigner } from '../store.ts';
import { useFailuresPanel } from './failuresPanel.ts';
import { formatWhen } from './format.ts';
import { ListQuery } from './ListQuery.tsx';
import { nodeName } from './nodeNames.ts';
import { useRetryFailed } from './useRetryFailed.ts';

const PAGE = 50;
const CODES = new Set(['node-type-missing', 'config-invalid', 'gone', 'node-failed', 'transient-exhausted']);

/** A short name for a failure's code in the UI's language (never the raw code). */
export const codeKey = (code: string | undefined) => `designer.failures.codes.${code && CODES.has(code) ? code : 'unknown'}`;

/** The label of the way a skipped customer leaves the node (its first wired exit), when the canvas knows it. */
function firstExitLabel(nodeId: string, lang: Lang): string | null {
  const { nodes, edges } = useDesigner.getState();
  const node = nodes.find((n) => n.id === nodeId);
  const def = node ? definitionOf(node.data.type) : undefined;
  const edge = edges.find((e) => e.source === nodeId);
  if (!node || !def || !edge) return null;
  const port = describeNode(def, node.data, lang).ports.find((p) => p.id === edge.sourceHandle);
  return port ? port.label[lang] : null;
}

/** The list of customers a failed step stopped (at one node, or anywhere in the journey), to retry or skip one or many. */
export function FailedCustomers({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const open = useFailuresPanel((s) => s.open);
  const close = useFailuresPanel((s) => s.close);
  const node = useDesigner((s) => (open?.nodeId ? s.nodes.find((x) => x.id === open.nodeId) : undefined));
  const title = open?.nodeId
    ? t('designer.failures.titleNode', { node: node ? nodeName({ id: node.id, type: node.data.type, label: node.data.label }, lang) : open.nodeId })
    : t('designer.failures.titleJourney');
  return (
    <Drawer opened={open !== null} onClose={close} position="right" size="lg" title={<Text fw={600}>{title}</Text>} data-testid="failed-customers">
      {open && <FailedList key={open.nodeId ?? ''} journeyId={journeyId} nodeId={open.nodeId} />}
    </Drawer>
  );
}

function FailedList({ journeyId, nodeId }: { journeyId: string; nodeId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [details, setDetails] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const { run, progress } = useRetryFailed();
  const nodes = useDesigner((s) => s.nodes);
  const list = useQuery({
    ...trpc.enrollments.list.queryOptions({ journeyId, ...(nodeId ? { nodeId } : {}), status: 'failed', offset, limit: PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const items = list.data?.items ?? [];
  // Whoever is no longer on the page (retried, skipped, gone on) is no longer selected.
  useEffect(() => {
    setSelected((s) => {
      const here = new Set(items.map((e) => e.id));
      const kept = [...s].filter((id) => here.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [list.data]);
  // A page emptied by the last action shows the one before it.
  useEffect(() => {
    if (list.data && list.data.items.length === 0 && offset > 0) setOffset(Math.max(0, offset - PAGE));
  }, [list.data, offset]);

  const nameOf = (e: (typeof items)[number]) => e.customer.name || t('designer.failures.unnamed');
  const nodeNameOf = (id: string | null | undefined) => {
    if (!id) return '';
    const n = nodes.find((x) => x.id === id);
    return n ? nodeName({ id: n.id, type: n.data.type, label: n.data.label }, lang) : id;
  };
  const busy = progress !== null;
  const all = items.length > 0 && items.every((e) => selected.has(e.id));
  const some = items.some((e) => selected.has(e.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const act = async (ids: string[], skip: boolean) => {
    const done = await run(ids, skip);
    if (done) setSelected(new Set());
  };
  const port = nodeId ? firstExitLabel(nodeId, lang) : null;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('designer.failures.intro')}
      </Text>
      <ListQuery
        query={list}
        failed={(error) => t('designer.failures.loadFailed', { error: errorText(error, i18n.language) })}
        empty={
          <Text size="sm" c="dimmed" data-testid="failed-none">
            {t('designer.failures.none')}
          </Text>
        }
      >
        {(data) => (
          <>
            <Group justify="space-between" wrap="nowrap" data-testid="failed-toolbar">
              <Group gap="xs" wrap="nowrap">
                <Checkbox
                  checked={all}
                  indeterminate={some && !all}
                  onChange={() => setSelected(all ? new Set() : new Set(items.map((e) => e.id)))}
                  aria-label={t('designer.failures.selectAll')}
                  disabled={busy}
                  data-testid="failed-select-all"
                />
                <Text size="sm" data-testid="failed-count">
                  {selected.size > 0 ? t('designer.failures.selected', { count: selected.size }) : t('designer.failures.total', { count: data.total })}
                </Text>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" leftSection={<IconRefresh size={14} />} disabled={selected.size === 0 || busy} onClick={() => void act([...selected], false)} data-testid="failed-retry">
                  {t('designer.failures.retry')}
                </Button>
                <Button size="xs" variant="default" leftSection={<IconPlayerSkipForward size={14} />} disabled={selected.size === 0 || busy} onClick={() => setConfirming([...selected])} data-testid="failed-skip">
                  {t('designer.failures.skip')}
                </Button>
              </Group>
            </Group>
            {progress && (
              <Stack gap={2} data-testid="failed-progress">
                <Progress value={(progress.done / Math.max(1, progress.total)) * 100} animated />
                <Text size="xs" c="dimmed">
                  {t('designer.failures.working', { done: progress.done, total: progress.total })}
                </Text>
              </Stack>
            )}
            <Stack gap={6}>
              {items.map((e) => {
                const open = details === e.id;
                const f = e.failure;
                return (
                  <Paper key={e.id} withBorder p="xs" radius="sm" data-testid="failed-row">
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Checkbox mt={2} checked={selected.has(e.id)} onChange={() => toggle(e.id)} disabled={busy} aria-label={t('designer.failures.select', { name: nameOf(e) })} data-testid="failed-select" />
                      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                        <Group gap={6} wrap="nowrap" justify="space-between">
                          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                            <Anchor component={Link} to={`/customers/${e.customer.id}`} size="sm" fw={600} truncate title={t('designer.failures.openCustomer')}>
                              {nameOf(e)}
                            </Anchor>
                            <Badge size="sm" color="red" variant="light" style={{ flexShrink: 0 }} data-testid="failed-code">
                              {t(codeKey(f?.code))}
                            </Badge>
                            {e.version !== null && (
                              <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                                {t('designer.failures.version', { version: e.version })}
                              </Badge>
                            )}
                          </Group>
                          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                            <Button size="compact-xs" variant="light" disabled={busy} onClick={() => void act([e.id], false)} aria-label={t('designer.failures.retryOne', { name: nameOf(e) })} data-testid="failed-retry-one">
                              {t('designer.failures.retry')}
                            </Button>
                            <Button size="compact-xs" variant="subtle" color="gray" disabled={busy} onClick={() => setConfirming([e.id])} aria-label={t('designer.failures.skipOne', { name: nameOf(e) })} data-testid="failed-skip-one">
                              {t('designer.failures.skip')}
                            </Button>
                          </Group>
                        </Group>
                        <Text size="sm" data-testid="failed-reason">
                          {f ? f.text[lang] : t('designer.failures.codes.unknown')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[!nodeId && f?.nodeId ? t('designer.failures.atNode', { node: nodeNameOf(f.nodeId) }) : null, f ? t('designer.failures.when', { when: formatWhen(f.at, i18n.language) }) : null].filter(Boolean).join(' · ')}
                        </Text>
                        {f?.error && (
                          <>
                            <UnstyledButton onClick={() => setDetails(open ? null : e.id)} aria-expanded={open} data-testid="failed-details">
                              <Group gap={4}>
                                {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                                <Text size="xs" c="dimmed">
                                  {t('designer.failures.details')}
                                </Text>
                              </Group>
                            </UnstyledButton>
                            {open && (
                              <Code block fz={11} mah={220} style={{ overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="failed-error">
                                {f.error}
                              </Code>
                            )}
                          </>
                        )}
                      </Stack>
                    </Group>
                  </Paper>
                );
              })}
            </Stack>
            {data.total > PAGE && (
              <Group justify="space-between">
                <Button size="compact-xs" variant="default" disabled={offset === 0 || busy} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('designer.live.previous')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('designer.live.page', { from: offset + 1, to: Math.min(offset + PAGE, data.total), total: data.total })}
                </Text>
                <Button size="compact-xs" variant="default" disabled={offset + PAGE >= data.total || busy} onClick={() => setOffset(offset + PAGE)}>
                  {t('designer.live.next')}
                </Button>
              </Group>
            )}
          </>
        )}
      </ListQuery>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('designer.failures.confirmSkip.title')} data-testid="failed-skip-confirm">
        <Stack>
          <Text size="sm">{port ? t('designer.failures.confirmSkip.body', { count: confirming?.length ?? 0, port }) : t('designer.failures.confirmSkip.bodyMixed', { count: confirming?.length ?? 0 })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('designer.failures.confirmSkip.cancel')}
            </Button>
            <Button
              color="orange"
              data-autofocus
              onClick={() => {
                const ids = confirming ?? [];
                setConfirming(null);
                void act(ids, true);
              }}
              data-testid="failed-skip-go"
            >
              {t('designer.failures.confirmSkip.confirm', { count: confirming?.length ?? 0 })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
