import { ActionIcon, Alert, Badge, Button, Divider, Drawer, Group, NumberInput, Paper, SegmentedControl, Select, Stack, TagsInput, Text, TextInput, Timeline } from '@mantine/core';
import { IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '@sopline/graph';
import { exitReasonLabel } from '@sopline/registry/browser';
import { errorText, useTRPC } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { flushPendingEdits } from '../forms/pendingEdits.ts';
import { useDesigner } from '../store.ts';
import { formatWhen } from './format.ts';
import { nodeName } from './nodeNames.ts';

const KINDS = ['purchase', 'tag.added', 'tag.removed', 'stage.changed', 'reply.logged', 'task.completed', 'contact.lost', 'custom'] as const;
type Kind = (typeof KINDS)[number];
type PurchaseRow = { daysAgo: number; amount: number; product: string };
type EventRow = { kind: Kind; afterDays: number; value: string };

/** The payload a simulated event carries, from the one value the form asks for. */
function payloadOf(e: EventRow): Record<string, unknown> {
  const v = e.value.trim();
  switch (e.kind) {
    case 'purchase':
      return { amount: Number(v) || 0 };
    case 'tag.added':
    case 'tag.removed':
      return v ? { tag: v } : {};
    case 'stage.changed':
      return v ? { to: v } : {};
    case 'custom':
      return v ? { name: v } : {};
    default:
      return {};
  }
}

const hasValue = (kind: Kind): kind is 'purchase' | 'tag.added' | 'tag.removed' | 'stage.changed' | 'custom' =>
  kind === 'purchase' || kind === 'tag.added' || kind === 'tag.removed' || kind === 'stage.changed' || kind === 'custom';

/** The label of the exit a step left by: the node's own port label, else a generic word. */
function outcomeLabel(nodeId: string, outcome: string, lang: Lang, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (outcome === 'wait' || outcome === 'goal' || outcome === 'loop-guard') return t(`designer.simulate.outcome.${outcome}`);
  if (outcome.startsWith('exit:')) return t('designer.simulate.outcome.exit', { reason: exitReasonLabel(outcome.slice(5), lang) });
  const node = useDesigner.getState().nodes.find((n) => n.id === nodeId);
  const def = node ? definitionOf(node.data.type) : undefined;
  if (node && def) {
    try {
      const port = def.ports(def.config.parse(node.data.config) as never).find((p) => p.id === outcome);
      if (port) return port.label[lang];
    } catch {
      // An unfinished config: fall back to the port id.
    }
  }
  return outcome === 'out' ? t('designer.simulate.outcome.out') : outcome;
}

/** "Simulate": a dry run of the canvas's draft for a real or hypothetical customer, shown as a timeline. */
export function SimulateDrawer({ journeyId, opened, onClose }: { journeyId: string; opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const [mode, setMode] = useState<'hypothetical' | 'real'>('hypothetical');
  const [query, setQuery] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [name, setName] = useState(() => t('designer.simulate.defaultName'));
  const [stage, setStage] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [purchases, setPurchases] = useState<PurchaseRow[]>([]);
  const [events, setEvents] = useState<EventRow[]>([]);
  const [horizon, setHorizon] = useState<number>(90);
  const nodes = useDesigner((s) => s.nodes);
  const setPath = useDesigner((s) => s.setSimulatedPath);

  const search = useQuery({
    ...trpc.customers.search.queryOptions({ q: query.trim() || undefined, limit: 20 }),
    enabled: opened && mode === 'real',
    placeholderData: keepPreviousData,
  });
  const simulate = useMutation(trpc.journeys.simulate.mutationOptions({ onSuccess: (r) => setPath([...new Set(r.steps.map((s) => s.nodeId))]) }));

  const run = () => {
    flushPendingEdits();
    const customer =
      mode === 'real'
        ? { id: customerId ?? '' }
        : {
            hypothetical: {
              name: name.trim() || t('designer.simulate.defaultName'),
              stage: stage.trim() || null,
              tags,
              purchases: purchases.map((p) => ({ daysAgo: p.daysAgo, amount: p.amount, ...(p.product.trim() ? { product: p.product.trim() } : {}) })),
            },
          };
    simulate.mutate({
      id: journeyId,
      graph: useDesigner.getState().graph(),
      customer,
      events: events.map((e) => ({ kind: e.kind, afterDays: e.afterDays, payload: payloadOf(e) })),
      horizonDays: horizon,
    });
  };

  const close = () => {
    setPath(null);
    onClose();
  };
  const customerOptions = (search.data?.items ?? []).map((c) => ({ value: c.id, label: c.phone ? `${c.name} · ${c.phone}` : c.name }));
  const result = simulate.data;
  const title = (nodeId: string) => {
    const n = nodes.find((x) => x.id === nodeId);
    return nodeName(n ? { id: n.id, type: n.data.type, label: n.data.label ?? null } : undefined, lang, nodeId);
  };

  return (
    // No overlay, and the canvas fits the highlighted path into the room beside the drawer (data-covers-canvas).
    <Drawer
      opened={opened}
      onClose={close}
      position="right"
      size="md"
      title={t('designer.simulate.title')}
      data-testid="simulate-drawer"
      withOverlay={false}
      lockScroll={false}
      shadow="xl"
      attributes={{ content: { 'data-covers-canvas': 'right' } }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('designer.simulate.intro')}
        </Text>
        <SegmentedControl
          value={mode}
          onChange={(v) => {
            // A result belongs to the customer it was run for: another choice clears it.
            simulate.reset();
            setPath(null);
            setMode(v as 'hypothetical' | 'real');
          }}
          data={[
            { value: 'hypothetical', label: t('designer.simulate.hypothetical') },
            { value: 'real', label: t('designer.simulate.real') },
          ]}
        />
        {mode === 'real' ? (
          <Select
            label={t('designer.simulate.who')}
            placeholder={t('designer.simulate.search')}
            searchable
            clearable
            data={customerId && !customerOptions.some((o) => o.value === customerId) ? [...customerOptions, { value: customerId, label: query || customerId }] : customerOptions}
            value={customerId}
            onChange={(id) => {
              simulate.reset();
              setPath(null);
              setCustomerId(id);
            }}
            searchValue={query}
            onSearchChange={setQuery}
            filter={({ options }) => options}
            nothingFoundMessage={t('designer.simulate.noCustomer')}
            data-testid="simulate-customer"
          />
        ) : (
          <Stack gap="xs">
            <Group grow>
              <TextInput label={t('designer.simulate.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} data-testid="simulate-name" />
              <TextInput label={t('designer.simulate.stage')} value={stage} onChange={(e) => setStage(e.currentTarget.value)} maxLength={64} />
            </Group>
            <TagsInput label={t('designer.simulate.tags')} value={tags} onChange={setTags} maxTags={50} />
            <Text size="sm" fw={500}>
              {t('designer.simulate.purchases')}
            </Text>
            {purchases.map((p, i) => (
              <Group key={i} gap="xs" align="end" wrap="nowrap">
                <NumberInput size="xs" label={t('designer.simulate.daysAgo')} min={0} max={3650} value={p.daysAgo} onChange={(v) => setPurchases((ps) => ps.map((x, j) => (j === i ? { ...x, daysAgo: Number(v) || 0 } : x)))} />
                <NumberInput size="xs" label={t('designer.simulate.amount')} min={0} value={p.amount} onChange={(v) => setPurchases((ps) => ps.map((x, j) => (j === i ? { ...x, amount: Number(v) || 0 } : x)))} />
                <TextInput size="xs" label={t('designer.simulate.product')} value={p.product} onChange={(e) => { const product = e.currentTarget.value; setPurchases((ps) => ps.map((x, j) => (j === i ? { ...x, product } : x))); }} />
                <ActionIcon variant="subtle" color="gray" aria-label={t('designer.simulate.remove')} onClick={() => setPurchases((ps) => ps.filter((_, j) => j !== i))}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setPurchases((ps) => [...ps, { daysAgo: 1, amount: 100, product: '' }])} style={{ alignSelf: 'flex-start' }}>
              {t('designer.simulate.addPurchase')}
            </Button>
          </Stack>
        )}
        <Divider />
        <Text size="sm" fw={500}>
          {t('designer.simulate.events')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('designer.simulate.eventsHint')}
        </Text>
        {events.map((e, i) => (
          <Group key={i} gap="xs" align="end" wrap="nowrap">
            <Select
              size="xs"
              label={t('designer.simulate.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`designer.values.kind.${k}`) }))}
              value={e.kind}
              allowDeselect={false}
              onChange={(v) => setEvents((es) => es.map((x, j) => (j === i ? { ...x, kind: (v ?? 'purchase') as Kind } : x)))}
            />
            <NumberInput size="xs" w={100} label={t('designer.simulate.afterDays')} min={0} max={3650} value={e.afterDays} onChange={(v) => setEvents((es) => es.map((x, j) => (j === i ? { ...x, afterDays: Number(v) || 0 } : x)))} />
            {hasValue(e.kind) && (
              <TextInput size="xs" label={t(`designer.simulate.valueFor.${e.kind}`)} value={e.value} onChange={(ev) => { const value = ev.currentTarget.value; setEvents((es) => es.map((x, j) => (j === i ? { ...x, value } : x))); }} />
            )}
            <ActionIcon variant="subtle" color="gray" aria-label={t('designer.simulate.remove')} onClick={() => setEvents((es) => es.filter((_, j) => j !== i))}>
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setEvents((es) => [...es, { kind: 'purchase', afterDays: 3, value: '100' }])} style={{ alignSelf: 'flex-start' }}>
          {t('designer.simulate.addEvent')}
        </Button>
        <Group align="end">
          <NumberInput size="xs" w={160} label={t('designer.simulate.horizon')} min={1} max={3650} value={horizon} onChange={(v) => setHorizon(Math.max(1, Math.floor(Number(v) || 90)))} />
          <Button leftSection={<IconPlayerPlay size={14} />} onClick={run} loading={simulate.isPending} disabled={mode === 'real' && !customerId} data-testid="simulate-run">
            {t('designer.simulate.run')}
          </Button>
          {result && (
            <Button variant="subtle" size="compact-sm" onClick={() => setPath(null)}>
              {t('designer.simulate.clear')}
            </Button>
          )}
        </Group>
        {mode === 'real' && !customerId && (
          <Text size="xs" c="dimmed">
            {t('designer.simulate.chooseCustomer')}
          </Text>
        )}
        {simulate.isError && (
          <Alert color="red" data-testid="simulate-error">
            {t('designer.simulate.failed', { error: errorText(simulate.error, i18n.language) })}
          </Alert>
        )}
        {result && (
          <Stack gap="sm" data-testid="simulate-result">
            <Divider label={t('designer.simulate.path')} labelPosition="left" />
            <Timeline bulletSize={14} lineWidth={2} active={result.steps.length}>
              {result.steps.map((s, i) => (
                <Timeline.Item key={i} title={title(s.nodeId)} data-testid="simulate-step">
                  <Text size="xs" c="dimmed">
                    {formatWhen(s.at, i18n.language)} · {outcomeLabel(s.nodeId, s.outcome, lang, (key, values) => t(key, values ?? {}))}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
            <Divider label={t('designer.simulate.tasks')} labelPosition="left" />
            {result.tasks.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('designer.simulate.noTasks')}
              </Text>
            )}
            {result.tasks.map((task, i) => (
              <Paper key={i} withBorder p="xs" data-testid="simulate-task" opacity={task.suppressed ? 0.6 : 1}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {task.title}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {task.suppressed && <Badge color="orange" variant="light">{t('designer.simulate.suppressed')}</Badge>}
                    <Badge variant="light" color={task.priority === 'high' ? 'red' : 'gray'}>
                      {t(`designer.simulate.priority.${task.priority}`)}
                    </Badge>
                  </Group>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('designer.simulate.due', { when: formatWhen(task.dueAt, i18n.language) })} · {title(task.nodeId)}
                </Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {task.script}
                </Text>
              </Paper>
            ))}
            <Divider label={t('designer.simulate.ends')} labelPosition="left" />
            <Alert color={result.end.status === 'loop-guard' ? 'red' : result.end.status === 'waiting' ? 'yellow' : 'teal'} data-testid="simulate-end">
              <Text size="sm" fw={600}>
                {t(`designer.simulate.status.${result.end.status}`)} {t('designer.simulate.at', { when: formatWhen(result.end.at, i18n.language) })}
              </Text>
              <Text size="xs">{t('designer.simulate.reason', { reason: exitReasonLabel(result.end.reason, lang) })}</Text>
            </Alert>
          </Stack>
        )}
      </Stack>
    </Drawer>
  );
}
