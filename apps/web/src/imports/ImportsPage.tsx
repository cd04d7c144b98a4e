import { Alert, Anchor, Badge, Button, Container, FileInput, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTRPC } from '../trpc.ts';
import { useWorkspaceTime } from '../layout/time.ts';
import type { ImportJob } from './upload.ts';
import { UploadError, uploadFile } from './upload.ts';

type Kind = 'customers' | 'orders';

export const STATE_COLORS: Record<ImportJob['state'], string> = { uploading: 'gray', uploaded: 'blue', checking: 'yellow', checked: 'blue', importing: 'yellow', imported: 'teal', failed: 'red' };

/** Imports: pick customers or orders, upload a file (with its progress), and the recent imports to come back to. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<Kind>(params.get('kind') === 'orders' ? 'orders' : 'customers');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recent = useQuery(trpc.imports.list.queryOptions({}));
  const formatTime = useWorkspaceTime();
  const zh = i18n.language.startsWith('zh');

  const upload = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const job = await uploadFile(file, kind, setProgress);
      await queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
      void navigate(`/imports/${job.id}`);
    } catch (err) {
      const reason = err instanceof UploadError ? (err.text ? (zh ? err.text['zh-CN'] : err.text.en) : t('imports.offline')) : String(err);
      setError(t('imports.uploadFailed', { reason }));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Container size="md" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="md">
        <Title order={2}>{t('imports.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('imports.intro')}
        </Text>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <SegmentedControl
              value={kind}
              onChange={(v) => setKind(v as Kind)}
              data={(['customers', 'orders'] as const).map((value) => ({ value, label: t(`imports.kind.${value}`) }))}
              disabled={progress !== null}
              data-testid="import-kind"
            />
            <Text size="sm">{t(`imports.kindHint.${kind}`)}</Text>
            <FileInput
              label={t('imports.file')}
              placeholder={t('imports.pick')}
              accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={16} />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setError(null);
              }}
              clearable
              disabled={progress !== null}
              data-testid="import-file"
            />
            {progress !== null && (
              <Stack gap={4}>
                <Progress value={progress * 100} animated aria-label={t('imports.uploading', { percent: Math.round(progress * 100) })} />
                <Text size="xs" c="dimmed">
                  {t('imports.uploading', { percent: Math.round(progress * 100) })}
                </Text>
              </Stack>
            )}
            {error && (
              <Alert color="red" data-testid="upload-error">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button leftSection={<IconUpload size={16} />} disabled={!file} loading={progress !== null} onClick={() => void upload()} data-testid="upload">
                {t('imports.upload')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Title order={3}>{t('imports.recent')}</Title>
        {recent.data?.length === 0 && <Text c="dimmed">{t('imports.noneYet')}</Text>}
        {recent.data && recent.data.length > 0 && (
          <Table data-testid="recent-imports">
              <Table.Tbody>
                {recent.data.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/imports/${job.id}`}>
                        {job.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t(`imports.kind.${job.kind}`)} · {formatTime(job.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{job.rowsTotal !== null && t('imports.rowsCount', { count: job.rowsTotal })}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[job.state]} variant="light">
                        {t(`imports.states.${job.state}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Container>
  );
}
