import { Alert, Anchor, Button, Checkbox, Group, Loader, Modal, Paper, Progress, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRoute, IconTag, IconTagOff, IconUserShare, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';

export type BulkAction = 'tag' | 'untag' | 'enrol' | 'assign';
/** The list's filters, as customers.search takes them. */
export type ListFilter = { q?: string; stage?: string | null; ownerId?: string | null; tags?: string[] };
/** Which customers: the ones ticked, or every one matching the list's filters. */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'matching'; filter: ListFilter; count: number };

const countOf = (s: Selection) => (s.kind === 'ids' ? s.ids.length : s.count);
const targetOf = (s: Selection) => (s.kind === 'ids' ? { customerIds: s.ids } : { filter: s.filter });

/** The bar above the list while customers are selected: how many, "all matching", and the actions. */
export function BulkBar(props: {
  selection: Selection;
  /** All of this page is ticked and more customers match: offer to select them all. */
  matchingTotal: number | null;
  canManage: boolean;
  onSelectMatching(): void;
  onClear(): void;
  onAction(action: BulkAction): void;
}) {
  const { t } = useTranslation();
  const count = countOf(props.selection);
  const actions: Array<{ action: BulkAction; icon: typeof IconTag }> = [
    { action: 'tag', icon: IconTag },
    { action: 'untag', icon: IconTagOff },
    ...(props.canManage
      ? [
          { action: 'enrol' as const, icon: IconRoute },
          { action: 'assign' as const, icon: IconUserShare },
        ]
      : []),
  ];
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-blue-light)" data-testid="bulk-bar" role="region" aria-label={t('customers.bulk.actionsLabel')}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600} data-testid="bulk-count">
            {props.selection.kind === 'matching' ? t('customers.bulk.allMatching', { count }) : t('customers.bulk.selected', { count })}
          </Text>
          {props.selection.kind === 'ids' && props.matchingTotal !== null && (
            <Anchor component="button" type="button" size="sm" onClick={props.onSelectMatching} data-testid="bulk-select-matching">
              {t('customers.bulk.selectAllMatching', { count: props.matchingTotal })}
            </Anchor>
          )}
        </Group>
        <Group gap={6} wrap="wrap">
          {actions.map(({ action, icon: Icon }) => (
            <Button key={action} size="xs" variant="default" leftSection={<Icon size={14} />} onClick={() => props.onAction(action)} data-testid={`bulk-${action}`}>
              {t(`customers.bulk.actions.${action}`)}
            </Button>
          ))}
          <Button size="xs" variant="subtle" leftSection={<IconX size={14} />} onClick={props.onClear}>
            {t('customers.bulk.clear')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/**
 * One bulk action's dialog: what to apply, then the call (all or nothing on the server), its progress,
 * and a toast saying how many customers changed. An enrolment is a background job: its progress shows here.
 */
export function BulkDialog({ action, selection, onClose, onDone }: { action: BulkAction; selection: Selection; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = countOf(selection);
  const [tags, setTags] = useState<string[]>([]);
  const [listOpen, setListOpen] = useState(false);
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [moveTasks, setMoveTasks] = useState(true);
  const [touched, setTouched] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const tagOptions = useQuery({ ...trpc.tags.list.queryOptions({ limit: 200 }), enabled: action === 'tag' || action === 'untag', staleTime: 60_000 });
  const journeys = useQuery({ ...trpc.journeys.list.queryOptions(), enabled: action === 'enrol' });
  const live = (journeys.data ?? []).filter((j) => j.status === 'live' && j.liveVersion !== null);
  const users = useQuery({ ...trpc.users.list.queryOptions({ limit: 200 }), enabled: action === 'assign', staleTime: 60_000 });
  const NOBODY = '-';

  const finish = async (message: string) => {
    notifications.show({ color: 'teal', message, autoClose: 6000 });
    await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.tags.list.pathKey() });
    onDone();
  };
  const failed = (error: unknown) => notifications.show({ color: 'red', message: t('customers.bulk.failed', { message: errorText(error, i18n.language) }), autoClose: 10_000 });
  const tagged = { onSuccess: (r: { customers: number; changed: number }) => finish(t(`customers.bulk.done.${action}`, { count: r.customers, changed: r.changed })), onError: failed };
  const tag = useMutation(trpc.customers.bulkTag.mutationOptions(tagged));
  const untag = useMutation(trpc.customers.bulkUntag.mutationOptions(tagged));
  const assign = useMutation(trpc.customers.bulkAssignOwner.mutationOptions(tagged));
  const enrol = useMutation(trpc.customers.bulkEnrol.mutationOptions({ onSuccess: (r) => setJobId(r.jobId), onError: failed }));
  const job = useQuery({
    ...trpc.enrollments.bulkJob.queryOptions({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1_000),
  });
  useEffect(() => {
    const j = job.data;
    if (!j || j.status === 'running') return;
    if (j.status === 'done') void finish(t('customers.bulk.done.enrol', { count: j.total, succeeded: j.succeeded, skipped: j.skipped }));
    else notifications.show({ color: 'red', message: t('customers.bulk.enrolFailed', { done: j.done, total: j.total, message: j.error ?? '' }), autoClose: 10_000 });
  }, [job.data?.status]);

  const pending = tag.isPending || untag.isPending || assign.isPending || enrol.isPending || (jobId !== null && job.data?.status !== 'done' && job.data?.status !== 'failed');
  const missing = action === 'tag' || action === 'untag' ? tags.length === 0 : action === 'enrol' ? journeyId === null : ownerId === null;
  const submit = () => {
    setTouched(true);
    if (missing || pending) return;
    const target = targetOf(selection);
    if (action === 'tag') tag.mutate({ ...target, tags });
    else if (action === 'untag') untag.mutate({ ...target, tags });
    else if (action === 'enrol') enrol.mutate({ ...target, journeyId: journeyId! });
    else assign.mutate({ ...target, ownerId: ownerId === NOBODY ? null : ownerId, moveOpenTasks: moveTasks });
  };
  const requiredText = touched && missing ? t(action === 'tag' || action === 'untag' ? 'customers.bulk.tagsRequired' : action === 'enrol' ? 'customers.bulk.journeyRequired' : 'customers.bulk.ownerRequired') : null;

  return (
    <Modal opened onClose={pending ? () => {} : onClose} title={t(`customers.bulk.titles.${action}`, { count })} closeOnClickOutside={!pending}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {(action === 'tag' || action === 'untag') && (
            <TagsInput
              label={t('customers.bulk.tags')}
              description={t('customers.bulk.tagsHint')}
              data={(tagOptions.data?.items ?? []).map((x) => x.name)}
              value={tags}
              // The list opens as one types and closes once a tag is picked: left open, it covers the Apply
              // button (a click there would pick a tag instead).
              onChange={(next) => {
                setTags(next);
                setListOpen(false);
              }}
              openOnFocus={false}
              dropdownOpened={listOpen}
              onDropdownOpen={() => setListOpen(true)}
              onDropdownClose={() => setListOpen(false)}
              onSearchChange={(q) => q !== '' && setListOpen(true)}
              maxTags={20}
              maxDropdownHeight={160}
              clearable
              data-autofocus
              error={requiredText}
              data-testid="bulk-tags"
            />
          )}
          {action === 'enrol' &&
            (journeys.isSuccess && live.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('customers.bulk.noLive')}
              </Text>
            ) : (
              <Select
                label={t('customers.bulk.journey')}
                data={live.map((j) => ({ value: j.id, label: `${j.name} · v${j.liveVersion}` }))}
                value={journeyId}
                onChange={setJourneyId}
                // Not searchable: a searchable select opens its list on focus, over the Apply button.
                data-autofocus
                error={requiredText}
                data-testid="bulk-journey"
              />
            ))}
          {action === 'assign' && (
            <>
              <Select
                label={t('customers.bulk.owner')}
                data={[{ value: NOBODY, label: t('customers.bulk.nobody') }, ...(users.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))]}
                value={ownerId}
                onChange={setOwnerId}
                // Not searchable: a searchable select opens its list on focus, over the Apply button.
                data-autofocus
                error={requiredText}
                data-testid="bulk-owner"
              />
              <Checkbox label={t('customers.bulk.moveTasks')} checked={moveTasks} onChange={(e) => setMoveTasks(e.currentTarget.checked)} />
            </>
          )}
          {pending && (
            <Stack gap={4} data-testid="bulk-progress" aria-live="polite">
              {job.data ? (
                <>
                  <Progress value={job.data.total === 0 ? 100 : (job.data.done / job.data.total) * 100} animated />
                  <Text size="xs" c="dimmed">
                    {t('customers.bulk.progress', { done: job.data.done, total: job.data.total })}
                  </Text>
                </>
              ) : (
                <Group gap="xs">
                  <Loader size="xs" />
                  <Text size="xs" c="dimmed">
                    {t('customers.bulk.working', { count })}
                  </Text>
                </Group>
              )}
            </Stack>
          )}
          {job.data?.status === 'failed' && (
            <Alert color="red" role="alert">
              {t('customers.bulk.enrolFailed', { done: job.data.done, total: job.data.total, message: job.data.error ?? '' })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="bulk-apply">
              {t('customers.bulk.apply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
