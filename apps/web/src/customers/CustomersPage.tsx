import { Alert, Anchor, Badge, Button, Center, Checkbox, Container, Group, Loader, MultiSelect, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { formatWhen } from '../designer/panels/format.ts';
import { errorText, useTRPC } from '../trpc.ts';
import type { BulkAction, ListFilter, Selection } from './BulkActions.tsx';
import { BulkBar, BulkDialog } from './BulkActions.tsx';
import { CreateCustomerDialog } from './CreateCustomerDialog.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { useStages } from './StagePicker.tsx';

const PAGE = 50;
/** The filter value that means "none" (no stage / no owner), as opposed to "any". */
const NONE = '-';
const MAX_TAG_BADGES = 3;

/** Reads the list's filters from the address, so back and reload keep them. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = { q: params.get('q') ?? '', stage: params.get('stage'), owner: params.get('owner'), tags: params.getAll('tag'), page: Math.max(1, Number(params.get('page')) || 1) };
  const set = (next: Partial<typeof filters>) => {
    const merged = { ...filters, page: 1, ...next };
    const p = new URLSearchParams();
    if (merged.q) p.set('q', merged.q);
    if (merged.stage) p.set('stage', merged.stage);
    if (merged.owner) p.set('owner', merged.owner);
    for (const tag of merged.tags) p.append('tag', tag);
    if (merged.page > 1) p.set('page', String(merged.page));
    setParams(p, { replace: true });
  };
  return [filters, set] as const;
}

export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const canManage = me.data?.user.role === 'admin' || me.data?.user.role === 'ops';
  const [filters, setFilters] = useFilters();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (debounced !== filters.q) setFilters({ q: debounced });
    // Only a new search text moves the filter; other filter changes keep the text as it is.
  }, [debounced]);

  const { options: stageOptions, label: stageLabel } = useStages();
  const tagOptions = useQuery({ ...trpc.tags.list.queryOptions({ limit: 200 }), staleTime: 60_000 });
  const users = useQuery({ ...trpc.users.list.queryOptions({ limit: 200 }), enabled: canManage, staleTime: 60_000 });
  const listFilter: ListFilter = {
    q: filters.q || undefined,
    stage: filters.stage === NONE ? null : (filters.stage ?? undefined),
    ownerId: filters.owner === NONE ? null : (filters.owner ?? undefined),
    tags: filters.tags.length ? filters.tags : undefined,
  };
  const list = useQuery({
    ...trpc.customers.search.queryOptions({ ...listFilter, limit: PAGE, offset: (filters.page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  const navigate = useNavigate();
  // The customer page's back link returns to this list as it is: search, filters and page.
  const location = useLocation();
  const back = { from: `/customers${location.search}` };
  const open = (id: string) => void navigate(`/customers/${id}`, { state: back });
  // Ticked customers (kept across pages), or "all matching the filters"; a new filter starts afresh.
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [action, setAction] = useState<BulkAction | null>(null);
  const filterKey = JSON.stringify(listFilter);
  useEffect(() => {
    setPicked(new Set());
    setAllMatching(false);
  }, [filterKey]);
  const clearSelection = () => {
    setPicked(new Set());
    setAllMatching(false);
  };
  const total = list.data?.total ?? 0;
  const selection: Selection | null = allMatching ? { kind: 'matching', filter: listFilter, count: total } : picked.size > 0 ? { kind: 'ids', ids: [...picked] } : null;
  const pageIds = list.data?.items.map((c) => c.id) ?? [];
  const pageTicked = pageIds.filter((id) => allMatching || picked.has(id)).length;
  const togglePage = () =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (pageTicked === pageIds.length) for (const id of pageIds) next.delete(id);
      else for (const id of pageIds) next.add(id);
      return next;
    });
  const toggle = (id: string) => {
    if (allMatching) {
      // Unticking one of "all matching" leaves the rest of this page ticked, by id.
      setAllMatching(false);
      setPicked(new Set(pageIds.filter((x) => x !== id)));
      return;
    }
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  // The export sends the list's own filters, so the file holds what the list shows.
  const exportFilters = new URLSearchParams();
  if (filters.q) exportFilters.set('q', filters.q);
  if (filters.stage) exportFilters.set('stage', filters.stage === NONE ? 'none' : filters.stage);
  if (filters.owner) exportFilters.set('ownerId', filters.owner === NONE ? 'none' : filters.owner);
  for (const tag of filters.tags) exportFilters.append('tags', tag);
  const filtered = Boolean(filters.q || filters.stage || filters.owner || filters.tags.length);
  const pages = Math.ceil((list.data?.total ?? 0) / PAGE);

  return (
    <Container size="xl" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>{t('customers.list.title')}</Title>
          <Group gap="xs">
            {canManage && (
              <Button component={Link} to="/imports?kind=customers" variant="default" leftSection={<IconUpload size={16} />}>
                {t('imports.title')}
              </Button>
            )}
            <ExportMenu filters={exportFilters} />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('customers.list.new')}
            </Button>
          </Group>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('customers.list.search')}
            aria-label={t('customers.list.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={100}
            w={{ base: '100%', sm: 300 }}
            data-testid="customer-search"
          />
          <Select
            aria-label={t('customers.list.stage')}
            placeholder={t('customers.list.anyStage')}
            data={[{ value: NONE, label: t('customers.list.noStage') }, ...stageOptions]}
            value={filters.stage}
            onChange={(stage) => setFilters({ stage })}
            clearable
            searchable
            w={{ base: '48%', sm: 180 }}
            data-testid="filter-stage"
          />
          <MultiSelect
            aria-label={t('customers.list.tags')}
            placeholder={filters.tags.length ? undefined : t('customers.list.anyTag')}
            data={[...new Set([...(tagOptions.data?.items ?? []).map((tag) => tag.name), ...filters.tags])]}
            value={filters.tags}
            onChange={(tags) => setFilters({ tags })}
            clearable
            searchable
            maxValues={20}
            w={{ base: '48%', sm: 220 }}
          />
          {canManage && (
            <Select
              aria-label={t('customers.list.owner')}
              placeholder={t('customers.list.anyOwner')}
              data={[{ value: NONE, label: t('customers.list.nobody') }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
              value={filters.owner}
              onChange={(owner) => setFilters({ owner })}
              clearable
              searchable
              w={{ base: '48%', sm: 180 }}
            />
          )}
          {filtered && (
            <Button
              variant="subtle"
              size="sm"
              onClick={() => {
                setSearch('');
                setFilters({ q: '', stage: null, owner: null, tags: [] });
              }}
            >
              {t('customers.list.clear')}
            </Button>
          )}
        </Group>

        {list.isPending ? (
          <Center p="xl">
            <Loader />
          </Center>
        ) : list.isError ? (
          <Alert color="red" title={t('customers.list.loadError')} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errorText(list.error, i18n.language)}</Text>
              <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
                {t('common.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : list.data.total === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <Stack align="center" gap="sm">
              <Text c="dimmed">{filtered ? t('customers.list.noMatch') : canManage ? t('customers.list.empty') : t('customers.list.emptyMine')}</Text>
              {!filtered && (
                <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  {t('customers.list.new')}
                </Button>
              )}
            </Stack>
          </Paper>
        ) : (
          <>
            {selection ? (
              <BulkBar
                selection={selection}
                matchingTotal={!allMatching && pageTicked === pageIds.length && total > pageIds.length ? total : null}
                canManage={canManage}
                onSelectMatching={() => setAllMatching(true)}
                onClear={clearSelection}
                onAction={setAction}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('customers.list.total', { count: list.data.total })}
              </Text>
            )}
            <Table highlightOnHover verticalSpacing="xs" data-testid="customer-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label={t('customers.bulk.selectPage')}
                      checked={pageIds.length > 0 && pageTicked === pageIds.length}
                      indeterminate={pageTicked > 0 && pageTicked < pageIds.length}
                      onChange={togglePage}
                      disabled={allMatching}
                      data-testid="select-page"
                    />
                  </Table.Th>
                  <Table.Th>{t('customers.list.columns.name')}</Table.Th>
                  <Table.Th>{t('customers.list.columns.stage')}</Table.Th>
                  <Table.Th visibleFrom="xs">{t('customers.list.columns.tags')}</Table.Th>
                  {canManage && <Table.Th visibleFrom="sm">{t('customers.list.columns.owner')}</Table.Th>}
                  <Table.Th visibleFrom="md">{t('customers.list.columns.contact')}</Table.Th>
                  <Table.Th visibleFrom="lg">{t('customers.list.columns.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr
                    key={c.id}
                    tabIndex={0}
                    aria-selected={allMatching || picked.has(c.id)}
                    data-testid="customer-row"
                    style={{ cursor: 'pointer' }}
                    bg={allMatching || picked.has(c.id) ? 'var(--mantine-color-blue-light)' : undefined}
                    // The whole row opens the customer (the name stays a real link, for new tabs).
                    onClick={(e) => {
                      if (!(e.target as HTMLElement).closest('a, input, label')) open(c.id);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && e.target === e.currentTarget) open(c.id);
                      if (e.key === ' ' && e.target === e.currentTarget) {
                        e.preventDefault();
                        toggle(c.id);
                      }
                    }}
                  >
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Checkbox aria-label={t('customers.bulk.select', { name: c.name })} checked={allMatching || picked.has(c.id)} onChange={() => toggle(c.id)} data-testid="select-customer" />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${c.id}`} state={back} fw={500} size="sm" tabIndex={-1}>
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" hiddenFrom="md">
                        {c.phone ?? c.email ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.stage ? stageLabel(c.stage) : '—'}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="xs">
                      <Group gap={4}>
                        {c.tags.slice(0, MAX_TAG_BADGES).map((tag) => (
                          <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
                            {tag}
                          </Badge>
                        ))}
                        {c.tags.length > MAX_TAG_BADGES && (
                          <Text size="xs" c="dimmed">
                            +{c.tags.length - MAX_TAG_BADGES}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    {canManage && (
                      <Table.Td visibleFrom="sm">
                        <Text size="sm">{c.owner?.name ?? '—'}</Text>
                      </Table.Td>
                    )}
                    <Table.Td visibleFrom="md">
                      <Text size="sm">{c.phone ?? c.email ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="lg">
                      <Text size="sm" c="dimmed">
                        {formatWhen(c.createdAt, i18n.language)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {pages > 1 && (
              <Group justify="center">
                <Pagination total={pages} value={filters.page} onChange={(page) => setFilters({ page })} size="sm" siblings={1} />
              </Group>
            )}
          </>
        )}
      </Stack>
      {creating && <CreateCustomerDialog onClose={() => setCreating(false)} />}
      {action && selection && (
        <BulkDialog
          action={action}
          selection={selection}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            clearSelection();
          }}
        />
      )}
    </Container>
  );
}
