import { ActionIcon, Alert, Badge, Button, Center, Checkbox, Group, Loader, Menu, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAlertOctagon, IconDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { OnboardingCard } from '../onboarding/OnboardingCard.tsx';
import { useWorkspaceTime } from '../layout/time.ts';
import { percentOf } from '../dashboards/format.ts';
import { lastDays } from '../dashboards/period.ts';
import { NewJourneyDialog } from './NewJourneyDialog.tsx';

const PERIODS = ['7', '30', '90'] as const;
type PeriodPreset = (typeof PERIODS)[number];

const STATUS_COLOR = { draft: 'gray', live: 'teal', paused: 'yellow', archived: 'dark' } as const;

function NameDialog(props: {
  opened: boolean;
  title: string;
  initial: string;
  onClose(): void;
  onSubmit(name: string): void;
  busy: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial);
  const [touched, setTouched] = useState(false);
  const invalid = name.trim() === '';
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!invalid) props.onSubmit(name.trim());
        }}
      >
        <Stack>
          {props.error && <Alert color="red">{props.error}</Alert>}
          <TextInput label={t('common.name')} placeholder={t('journeys.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={touched && invalid ? t('journeys.nameRequired') : null} data-autofocus maxLength={120} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function JourneysPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [debounced] = useDebouncedValue(search, 250);
  const [params, setParams] = useSearchParams();
  const [creating, createDialog] = useDisclosure(false);
  // The first-day checklist links here with ?new=1 (also from this very page): open the dialog, drop the flag.
  useEffect(() => {
    if (params.get('new') !== '1') return;
    createDialog.open();
    setParams((p) => {
      p.delete('new');
      return p;
    }, { replace: true });
  }, [params]);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const me = useQuery(trpc.auth.me.queryOptions());
  const [preset, setPreset] = useState<PeriodPreset>('30');
  // Days in the workspace's zone, as on the dashboards, so both pages count the same customers.
  const period = lastDays(Number(preset), me.data?.workspace.timezone ?? 'UTC');
  const list = useQuery({
    ...trpc.journeys.list.queryOptions({ search: debounced || undefined, includeArchived, period }),
    enabled: me.data !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
  const rename = useMutation(trpc.journeys.rename.mutationOptions({ onSuccess: async () => { setRenaming(null); await invalidate(); } }));
  const duplicate = useMutation(trpc.journeys.duplicate.mutationOptions({ onSuccess: invalidate }));
  const archive = useMutation(trpc.journeys.archive.mutationOptions({ onSuccess: invalidate }));
  // In the workspace's zone, not the browser's: a manager travelling sees the times the team sees.
  const when = useWorkspaceTime();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Stack p="lg" gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('journeys.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={createDialog.open}>
          {t('journeys.new')}
        </Button>
      </Group>
      <OnboardingCard />
      <Group>
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('journeys.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} aria-label={t('common.search')} />
        <Checkbox label={t('journeys.showArchived')} checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
        <Group gap="xs" ml="auto">
          <Text size="sm" id="journeys-period-label">
            {t('journeys.period')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="journeys-period-label"
            data={PERIODS.map((p) => ({ value: p, label: t(`dashboards.presets.${p}`) }))}
            value={preset}
            onChange={(v) => setPreset(v as PeriodPreset)}
            data-testid="journeys-period"
          />
        </Group>
      </Group>
      <Text size="xs" c="dimmed" data-testid="journeys-numbers-help">
        {`${period.from} – ${period.to} · ${t('journeys.numbersHelp')}`}
      </Text>
      {list.isError && (
        <Alert color="red" title={t('common.error')}>
          {errorText(list.error, i18n.language)}{' '}
          <Button size="xs" variant="subtle" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      )}
      {list.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : list.data && list.data.length === 0 ? (
        <Center p="xl">
          <Stack align="center">
            <Text c="dimmed">{debounced ? t('journeys.noMatch', { q: debounced }) : t('journeys.empty')}</Text>
            {!debounced && (
              <Button leftSection={<IconPlus size={16} />} onClick={createDialog.open}>
                {t('journeys.new')}
              </Button>
            )}
          </Stack>
        </Center>
      ) : (
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('journeys.columns.name')}</Table.Th>
              <Table.Th>{t('journeys.columns.status')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('journeys.columns.live')}</Table.Th>
              <Table.Th ta="right" visibleFrom="sm">{t('journeys.columns.entered')}</Table.Th>
              <Table.Th ta="right" visibleFrom="sm">{t('journeys.columns.inJourney')}</Table.Th>
              <Table.Th ta="right" visibleFrom="sm">{t('journeys.columns.goal')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('journeys.columns.edited')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.map((j) => (
              <Table.Tr
                key={j.id}
                style={{ cursor: 'pointer' }}
                tabIndex={0}
                data-testid={`journey-row-${j.id}`}
                onClick={() => void navigate(`/journeys/${j.id}`)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) void navigate(`/journeys/${j.id}`);
                }}
              >
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={500} data-testid="journey-name">
                      {j.name}
                    </Text>
                    {j.failed > 0 && (
                      // Customers a failed step stopped: straight to the journey's failed list.
                      <Badge
                        component={Link}
                        to={`/journeys/${j.id}?failures=1`}
                        color="red"
                        variant="filled"
                        size="sm"
                        style={{ cursor: 'pointer', flexShrink: 0 }}
                        leftSection={<IconAlertOctagon size={12} />}
                        title={t('journeys.failedHint', { count: j.failed })}
                        aria-label={t('journeys.failedHint', { count: j.failed })}
                        onClick={(e) => e.stopPropagation()}
                        data-testid="journey-failed"
                      >
                        {t('journeys.failed', { count: number.format(j.failed) })}
                      </Badge>
                    )}
                  </Group>
                  {/* A phone has no room for the number columns: the same numbers on one line under the name. */}
                  <Text size="xs" c="dimmed" hiddenFrom="sm" data-testid="journey-phone-numbers">
                    {[
                      `${t('journeys.columns.entered')} ${number.format(j.entered)}`,
                      `${t('journeys.columns.inJourney')} ${number.format(j.inJourney)}`,
                      `${t('journeys.columns.goal')} ${!j.hasGoal ? t('journeys.noGoal') : j.goalRate === null ? '—' : t('dashboards.percent', { value: percentOf(j.goalRate) })}`,
                    ].map((part, i) => (
                      // Each figure stays whole with its label; a line breaks only between them.
                      <Fragment key={part}>
                        {i > 0 ? ' · ' : ''}
                        <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
                      </Fragment>
                    ))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {/* Whole even in a phone's narrow column ("运行中", never "运…"). */}
                  <Badge color={STATUS_COLOR[j.status]} variant="light" style={{ minWidth: 'max-content' }}>
                    {t(`journeys.status.${j.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td visibleFrom="sm">{j.liveVersion ? `v${j.liveVersion}` : '—'}</Table.Td>
                <Table.Td ta="right" visibleFrom="sm" data-testid="journey-entered">
                  {number.format(j.entered)}
                </Table.Td>
                <Table.Td ta="right" visibleFrom="sm" data-testid="journey-in-now">
                  {number.format(j.inJourney)}
                </Table.Td>
                <Table.Td ta="right" visibleFrom="sm" data-testid="journey-goal">
                  {!j.hasGoal ? (
                    <Text size="sm" c="dimmed" span>
                      {t('journeys.noGoal')}
                    </Text>
                  ) : j.goalRate === null ? (
                    '—'
                  ) : (
                    <Tooltip label={t('journeys.goalOf', { reached: number.format(j.reachedGoal), entered: number.format(j.entered) })}>
                      <Text size="sm" fw={600} span>
                        {t('dashboards.percent', { value: percentOf(j.goalRate) })}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{j.updatedBy ? t('journeys.editedBy', { when: when(j.updatedAt), who: j.updatedBy.name }) : when(j.updatedAt)}</Text>
                </Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" aria-label={t('journeys.rowMenu', { name: j.name })}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setRenaming({ id: j.id, name: j.name })}>{t('common.rename')}</Menu.Item>
                      <Menu.Item onClick={() => duplicate.mutate({ id: j.id, name: t('journeys.copyOf', { name: j.name }).slice(0, 120) })}>{t('journeys.duplicate')}</Menu.Item>
                      {j.status !== 'archived' && (
                        <Menu.Item color="red" onClick={() => archive.mutate({ id: j.id })}>
                          {t('journeys.archive')}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewJourneyDialog onClose={createDialog.close} />}
      {renaming && (
        <NameDialog opened title={t('common.rename')} initial={renaming.name} onClose={() => setRenaming(null)} onSubmit={(name) => rename.mutate({ id: renaming.id, name })} busy={rename.isPending} error={rename.isError ? errorText(rename.error, i18n.language) : null} />
      )}
    </Stack>
  );
}
