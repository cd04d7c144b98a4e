import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import type { ImportJob } from './upload.ts';

const SKIP = '__skip';
const PROPERTY = 'property:';
type Mapping = Array<string | null>;

/**
 * The mapping step: each column of the file and the field it fills (guessed from its header), the
 * first rows read that way with each cell's problem, and the dry run.
 */
export function MappingStep({ job, onStarted }: { job: ImportJob; onStarted?: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zh = i18n.language.startsWith('zh');
  const [sheet, setSheet] = useState<string | undefined>(job.sheet ?? undefined);
  // null until the user changes something: the server's guess (or the last mapping) stands.
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const preview = useQuery({
    ...trpc.imports.preview.queryOptions({ id: job.id, sheet, ...(mapping ? { mapping: mapping as never } : {}) }),
    placeholderData: keepPreviousData,
  });
  const start = useMutation(
    trpc.imports.start.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.imports.get.queryKey({ id: job.id }), next);
        onStarted?.();
      },
    }),
  );
  const data = preview.data;
  const current: Mapping = mapping ?? data?.mapping ?? [];
  const fieldLabel = (key: string) => data?.fields.find((f) => f.key === key)?.label;
  const say = (text: { 'zh-CN': string; en: string }) => (zh ? text['zh-CN'] : text.en);

  if (preview.error) return <Alert color="red">{errorText(preview.error, i18n.language)}</Alert>;
  if (!data) return <Text c="dimmed">…</Text>;

  // A header as a property key: scripts name it as {{customer.properties.<key>}}, so no dots or braces.
  const keyOf = (header: string) => header.trim().replace(/[.{}]/g, '_').slice(0, 64);
  const declared = (key: string) => data.properties.find((p) => p.key === key);
  const optionsFor = (header: string) => [
    ...data.fields.map((f) => ({ value: f.key, label: say(f.label) })),
    ...data.properties.map((p) => ({ value: `${PROPERTY}${p.key}`, label: t('imports.property', { label: say(p.label) }) })),
    ...(job.kind === 'customers' && keyOf(header) !== '' && !declared(keyOf(header)) ? [{ value: `${PROPERTY}${keyOf(header)}`, label: t('imports.newProperty', { key: keyOf(header) }) }] : []),
    { value: SKIP, label: t('imports.skip') },
  ];
  const setColumn = (index: number, value: string | null) => {
    const next = [...current];
    next[index] = value === null || value === SKIP ? null : value;
    setMapping(next);
  };
  const targetLabel = (target: string | null) => {
    if (target === null) return t('imports.skip');
    if (!target.startsWith(PROPERTY)) return say(fieldLabel(target) ?? { 'zh-CN': target, en: target });
    const property = declared(target.slice(PROPERTY.length));
    return property ? t('imports.property', { label: say(property.label) }) : t('imports.newProperty', { key: target.slice(PROPERTY.length) });
  };

  return (
    <Stack gap="md">
      {job.format === 'xlsx' && job.sheets && job.sheets.length > 1 && (
        <Select
          label={t('imports.sheet')}
          data={job.sheets.map((s) => ({ value: s.name, label: t('imports.sheetRows', { name: s.name, rows: s.rows }) }))}
          value={sheet ?? null}
          onChange={(value) => {
            setSheet(value ?? undefined);
            setMapping(null);
          }}
          allowDeselect={false}
          w={{ base: '100%', sm: 320 }}
          data-testid="import-sheet"
        />
      )}
      <Text size="sm">{t('imports.mapIntro')}</Text>
      <Table.ScrollContainer minWidth={520}>
        <Table data-testid="mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.target')}</Table.Th>
              <Table.Th>{t('imports.example')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.header.map((header, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Text fw={500}>{header || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('imports.target') + ' ' + header}
                    data={optionsFor(header)}
                    value={current[i] ?? SKIP}
                    onChange={(value) => setColumn(i, value)}
                    allowDeselect={false}
                    searchable
                    w={240}
                    data-testid={`map-${i}`}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {data.rows[0]?.cells[i] ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.mappingProblems.length > 0 && (
        <Alert color="orange" title={t('imports.mappingInvalid')} data-testid="mapping-problems">
          <List size="sm">
            {data.mappingProblems.map((p, i) => (
              <List.Item key={i}>{say(p)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Title order={4}>{t('imports.preview', { count: data.rows.length })}</Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.row')}</Table.Th>
              {data.header.map((h, i) => current[i] !== null && <Table.Th key={i}>{targetLabel(current[i] ?? null)}</Table.Th>)}
              <Table.Th>{t('imports.problems')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.row} data-problem={row.problems.length > 0 || undefined}>
                <Table.Td>{row.row}</Table.Td>
                {row.cells.map(
                  (cell, i) =>
                    current[i] !== null && (
                      <Table.Td key={i} c={row.problems.some((p) => p.column === i) ? 'red' : undefined} fw={row.problems.some((p) => p.column === i) ? 600 : undefined}>
                        {cell}
                      </Table.Td>
                    ),
                )}
                <Table.Td>
                  {row.problems.length === 0 ? (
                    <Badge color="teal" variant="light">
                      {t('imports.fine')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="red">
                      {row.problems.map((p) => say(p)).join('；')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {start.error && <Alert color="red">{errorText(start.error, i18n.language)}</Alert>}
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed" maw={520}>
          {t('imports.checkHint')}
        </Text>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          disabled={data.mappingProblems.length > 0 || preview.isFetching}
          loading={start.isPending}
          onClick={() => start.mutate({ id: job.id, phase: 'check', sheet, mapping: current as never })}
          data-testid="dry-run"
        >
          {t('imports.check')}
        </Button>
      </Group>
    </Stack>
  );
}
