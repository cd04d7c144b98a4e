import { Alert, Button, Checkbox, Group, List, Loader, Modal, MultiSelect, Progress, ScrollArea, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC, useTRPCClient } from '../../trpc.ts';
import { langOf } from '../catalog.ts';
import { designerStrings } from '../strings.ts';

type Picked = { id: string; name: string; detail: string };
type Outcome = { customer: Picked } & ({ kind: 'enrolled' } | { kind: 'refused'; reason: 'already-entered' | 'in-journey' } | { kind: 'failed'; error: string });

/** "Enrol customers": put chosen customers, or every customer matching a filter, into the live journey. */
export function EnrolDialog({ journeyId, opened, onClose }: { journeyId: string; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('designer.enrol.title')} size="lg" data-testid="enrol-dialog">
      {/* Mounted only while open, so each opening starts afresh. */}
      {opened && (
        <Tabs defaultValue="pick">
          <Tabs.List mb="sm">
            <Tabs.Tab value="pick" leftSection={<IconUserPlus size={14} />} data-testid="enrol-tab-pick">
              {t('designer.enrol.pick')}
            </Tabs.Tab>
            <Tabs.Tab value="bulk" leftSection={<IconUsersGroup size={14} />} data-testid="enrol-tab-bulk">
              {t('designer.enrol.bulk')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="pick">
            <PickCustomers journeyId={journeyId} />
          </Tabs.Panel>
          <Tabs.Panel value="bulk">
            <BulkEnrol journeyId={journeyId} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}

function useRefreshCounts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.analytics.nodeCounts.queryKey() }), [queryClient, trpc]);
}

function PickCustomers({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const refreshCounts = useRefreshCounts();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [selected, setSelected] = useState<Picked[]>([]);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const search = useQuery({ ...trpc.customers.search.queryOptions({ q: debounced || undefined, limit: 20 }), placeholderData: keepPreviousData });

  const options: Picked[] = (search.data?.items ?? []).map((c) => ({
    id: c.id,
    name: c.name,
    detail: [c.phone ?? c.email, c.stage ?? t('designer.enrol.noStage')].filter(Boolean).join(' · '),
  }));
  const isSelected = (id: string) => selected.some((p) => p.id === id);
  const toggle = (c: Picked) => setSelected((s) => (s.some((p) => p.id === c.id) ? s.filter((p) => p.id !== c.id) : [...s, c]));

  const enrol = async () => {
    setRunning(true);
    const results: Outcome[] = [];
    // One at a time: a refusal or failure for one customer never stops the others.
    for (const customer of selected) {
      try {
        const r = await client.enrollments.enrol.mutate({ journeyId, customerId: customer.id });
        results.push(r.enrolled ? { customer, kind: 'enrolled' } : { customer, kind: 'refused', reason: r.reason });
      } catch (err) {
        results.push({ customer, kind: 'failed', error: errorText(err, i18n.language) });
      }
    }
    setOutcomes(results);
    setSelected([]);
    setRunning(false);
    refreshCounts();
  };

  if (outcomes) return <PickResult outcomes={outcomes} onAgain={() => setOutcomes(null)} />;

  return (
    <Stack gap="sm">
      <TextInput
        leftSection={<IconSearch size={14} />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        placeholder={t('designer.enrol.search')}
        aria-label={t('designer.enrol.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-autofocus
        data-testid="enrol-search"
      />
      {search.isError && <Alert color="red">{errorText(search.error, i18n.language)}</Alert>}
      <ScrollArea.Autosize mah={300} type="auto">
        <Stack gap={4}>
          {options.map((c) => (
            <Checkbox.Card key={c.id} checked={isSelected(c.id)} onClick={() => toggle(c)} radius="sm" p="xs" data-testid="enrol-option">
              <Group wrap="nowrap" gap="sm">
                <Checkbox.Indicator />
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {c.detail}
                  </Text>
                </div>
              </Group>
            </Checkbox.Card>
          ))}
          {search.isSuccess && options.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="md">
              {t('designer.enrol.noMatch')}
            </Text>
          )}
        </Stack>
      </ScrollArea.Autosize>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" truncate style={{ minWidth: 0, flex: 1 }}>
          {t('designer.enrol.selected', { count: selected.length })}
          {selected.length > 0 && `：${selected.map((p) => p.name).join('、')}`}
        </Text>
        <Button leftSection={<IconUserPlus size={14} />} onClick={() => void enrol()} disabled={selected.length === 0} loading={running} data-testid="enrol-confirm">
          {t('designer.enrol.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}

function PickResult({ outcomes, onAgain }: { outcomes: Outcome[]; onAgain(): void }) {
  const { t } = useTranslation();
  const enrolled = outcomes.filter((o) => o.kind === 'enrolled');
  const refused = outcomes.flatMap((o) => (o.kind === 'refused' ? [o] : []));
  const failed = outcomes.flatMap((o) => (o.kind === 'failed' ? [o] : []));
  return (
    <Stack gap="sm" data-testid="enrol-result">
      <Alert color={failed.length > 0 ? 'red' : enrolled.length > 0 ? 'teal' : 'yellow'}>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('designer.enrol.enrolled', { count: enrolled.length })}
          </Text>
          {enrolled.length > 0 && <Text size="sm">{enrolled.map((o) => o.customer.name).join('、')}</Text>}
          {refused.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('designer.enrol.refused', { count: refused.length })}
              </Text>
              <List size="sm">
                {refused.map((o) => (
                  <List.Item key={o.customer.id}>
                    {o.customer.name}：{t(`designer.enrol.reason.${o.reason}`)}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {failed.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('designer.enrol.failed', { count: failed.length })}
              </Text>
              <List size="sm">
                {failed.map((o) => (
                  <List.Item key={o.customer.id}>
                    {o.customer.name}：{o.error}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onAgain} data-testid="enrol-again">
          {t('designer.enrol.again')}
        </Button>
      </Group>
    </Stack>
  );
}

function BulkEnrol({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const refreshCounts = useRefreshCounts();
  const [tags, setTags] = useState<string[]>([]);
  const [stage, setStage] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const tagList = useQuery({ ...trpc.tags.list.queryOptions({ limit: 200 }), staleTime: 60_000 });
  const users = useQuery({ ...trpc.users.list.queryOptions({ active: true, limit: 200 }), staleTime: 60_000 });
  const start = useMutation(trpc.enrollments.enrolBulk.mutationOptions({ onSuccess: (r) => setJobId(r.jobId) }));
  const job = useQuery({
    ...trpc.enrollments.bulkJob.queryOptions({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1_000),
  });
  const status = job.data?.status;
  const finished = status === 'done' || status === 'failed';
  // A finished job changes the counts on the canvas: fetch them now rather than at the next poll.
  useEffect(() => {
    if (finished) refreshCounts();
  }, [finished, refreshCounts]);
  const busy = start.isPending || (jobId !== null && !finished && !job.isError);

  const stages = Object.entries(designerStrings[lang].values.stage).map(([value, label]) => ({ value, label: `${label} · ${value}` }));
  const run = () => {
    setJobId(null);
    start.mutate({ journeyId, filter: { ...(tags.length ? { tagsAny: tags } : {}), ...(stage ? { stage } : {}), ...(ownerId ? { ownerId } : {}) } });
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('designer.enrol.bulkHint')}
      </Text>
      <MultiSelect
        label={t('designer.enrol.tags')}
        data={(tagList.data?.items ?? []).map((x) => x.name)}
        value={tags}
        onChange={setTags}
        searchable
        clearable
        disabled={busy}
        data-testid="enrol-bulk-tags"
      />
      <Group grow>
        <Select label={t('designer.enrol.stage')} placeholder={t('designer.enrol.anyStage')} data={stages} value={stage} onChange={setStage} searchable clearable disabled={busy} data-testid="enrol-bulk-stage" />
        <Select
          label={t('designer.enrol.owner')}
          placeholder={t('designer.enrol.anyOwner')}
          data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={ownerId}
          onChange={setOwnerId}
          searchable
          clearable
          disabled={busy}
          data-testid="enrol-bulk-owner"
        />
      </Group>
      {users.isError && <Alert color="red">{errorText(users.error, i18n.language)}</Alert>}
      {start.isError && <Alert color="red">{errorText(start.error, i18n.language)}</Alert>}
      {job.isError && <Alert color="red">{errorText(job.error, i18n.language)}</Alert>}
      {job.data && (
        <Stack gap={4} data-testid="enrol-bulk-progress" data-status={job.data.status}>
          <Progress
            value={job.data.total > 0 ? (job.data.done / job.data.total) * 100 : 100}
            color={job.data.status === 'failed' ? 'red' : job.data.status === 'done' ? 'teal' : 'blue'}
            animated={job.data.status === 'running'}
          />
          <Text size="sm">{t('designer.enrol.progress', { done: job.data.done, total: job.data.total, succeeded: job.data.succeeded, skipped: job.data.skipped })}</Text>
          <Text size="sm" c={job.data.status === 'failed' ? 'red' : 'dimmed'}>
            {t(`designer.enrol.status.${job.data.status}`, { error: job.data.error ?? '' })}
          </Text>
        </Stack>
      )}
      <Group justify="flex-end">
        <Button leftSection={<IconUsersGroup size={14} />} onClick={run} loading={busy} data-testid="enrol-bulk-confirm">
          {t('designer.enrol.bulkConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
