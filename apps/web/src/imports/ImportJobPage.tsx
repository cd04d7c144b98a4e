import { Alert, Anchor, Button, Checkbox, Container, Group, Paper, Progress, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconFileImport } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { MappingStep } from './MappingStep.tsx';
import type { ImportJob } from './upload.ts';

const running = (job: ImportJob | undefined) => job?.state === 'checking' || job?.state === 'importing';

function stepOf(job: ImportJob, editing: boolean): number {
  if (editing || job.state === 'uploaded') return 1;
  if (job.state === 'checking' || job.state === 'checked') return 2;
  if (job.state === 'importing') return 3;
  if (job.state === 'imported') return 4;
  return job.checked ? 2 : 1;
}

/** One import, in whatever state it is: map columns, dry run, import, done. Polls while a run is going, so a reload finds its place. */
export function ImportJobPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const job = useQuery(trpc.imports.get.queryOptions({ id }, { refetchInterval: (q) => (running(q.state.data) ? 1000 : false) }));
  const zh = i18n.language.startsWith('zh');

  return (
    <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="md">
        <Anchor component={Link} to="/imports" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('imports.back')}
          </Group>
        </Anchor>
        {job.error && <Alert color="red">{errorText(job.error, i18n.language)}</Alert>}
        {job.data && (
          <>
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {t(`imports.kind.${job.data.kind}`)} · {job.data.fileName}
            </Title>
            <Stepper active={stepOf(job.data, editing)} size="sm" allowNextStepsSelect={false}>
              {(['upload', 'map', 'check', 'import'] as const).map((s) => (
                <Stepper.Step key={s} label={t(`imports.steps.${s}`)} />
              ))}
            </Stepper>
            {job.data.state === 'failed' && job.data.error && (
              <Alert color="red" title={t('imports.failed')} data-testid="import-failed">
                {zh ? job.data.error['zh-CN'] : job.data.error.en}
              </Alert>
            )}
            {running(job.data) && <RunProgress job={job.data} />}
            {(job.data.state === 'uploaded' || job.data.state === 'failed' || (editing && job.data.state === 'checked')) && (
              <Paper withBorder p="md">
                <MappingStep job={job.data} onStarted={() => setEditing(false)} />
              </Paper>
            )}
            {job.data.state === 'checked' && !editing && <Checked job={job.data} onEdit={() => setEditing(true)} />}
            {job.data.state === 'imported' && <Done job={job.data} />}
          </>
        )}
      </Stack>
    </Container>
  );
}

function RunProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const total = job.rowsTotal ?? job.checked?.rows ?? null;
  return (
    <Paper withBorder p="md" data-testid="import-progress">
      <Stack gap={6}>
        <Text fw={500}>{t(`imports.states.${job.state}`)}</Text>
        <Progress value={total ? (job.rowsDone / total) * 100 : 100} animated striped={!total} />
        <Text size="sm" c="dimmed">
          {total ? t('imports.progress', { done: job.rowsDone, total }) : t('imports.progressUnknown', { done: job.rowsDone })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('imports.reloadSafe')}
        </Text>
      </Stack>
    </Paper>
  );
}

function Rejects({ job, phase }: { job: ImportJob; phase: 'check' | 'import' }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const zh = i18n.language.startsWith('zh');
  const rejects = useQuery(trpc.imports.rejects.queryOptions({ id: job.id, phase, limit: 50 }));
  if (!rejects.data || rejects.data.total === 0) return null;
  const { rows, total } = rejects.data;
  return (
    <Stack gap="xs" data-testid="import-rejects">
      <Title order={4}>{t(phase === 'check' ? 'imports.refused' : 'imports.refusedDone')}</Title>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.problems')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.problems.map((p) => (zh ? p['zh-CN'] : p.en)).join('；')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > rows.length && (
        <Text size="sm" c="dimmed">
          {t('imports.moreRefused', { count: total - rows.length })}
        </Text>
      )}
      <Group gap="xs">
        <Button component="a" href={`/api/imports/${job.id}/rejects.csv?lang=${zh ? 'zh-CN' : 'en'}`} variant="light" leftSection={<IconDownload size={16} />} data-testid="download-report">
          {t('imports.report')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('imports.reportHint')}
        </Text>
      </Group>
    </Stack>
  );
}

function Checked({ job, onEdit }: { job: ImportJob; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [startJourneys, setStartJourneys] = useState(job.startJourneys);
  const preview = useQuery(trpc.imports.preview.queryOptions({ id: job.id, ...(job.sheet ? { sheet: job.sheet } : {}) }));
  const start = useMutation(trpc.imports.start.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(trpc.imports.get.queryKey({ id: job.id }), next) }));
  const c = job.checked!;
  const good = c.created + c.updated;
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Alert color={c.rejected > 0 ? 'yellow' : 'teal'} data-testid="dry-run-result">
          {t(job.kind === 'customers' ? 'imports.checked' : 'imports.checkedOrders', { ...c })}
        </Alert>
        <Rejects job={job} phase="check" />
        <Checkbox label={t('imports.startJourneys')} description={t('imports.startJourneysHint')} checked={startJourneys} onChange={(e) => setStartJourneys(e.currentTarget.checked)} data-testid="start-journeys" />
        {start.error && <Alert color="red">{errorText(start.error, i18n.language)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onEdit}>
            {t('imports.changeMapping')}
          </Button>
          <Button
            leftSection={<IconFileImport size={16} />}
            disabled={good === 0 || !preview.data}
            loading={start.isPending}
            onClick={() => preview.data && start.mutate({ id: job.id, phase: 'import', ...(job.sheet ? { sheet: job.sheet } : {}), mapping: preview.data.mapping as never, startJourneys })}
            data-testid="start-import"
          >
            {t('imports.importNow', { count: good })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Done({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Alert color={job.rejected > 0 ? 'yellow' : 'teal'} data-testid="import-result">
          {t(job.kind === 'customers' ? 'imports.imported' : 'imports.importedOrders', { created: job.created, updated: job.updated, rejected: job.rejected })}
        </Alert>
        <Rejects job={job} phase="import" />
        <Group justify="flex-end">
          <Button component={Link} to="/imports" variant="default">
            {t('imports.importAnother')}
          </Button>
          <Button component={Link} to="/customers">
            {t('imports.viewCustomers')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
