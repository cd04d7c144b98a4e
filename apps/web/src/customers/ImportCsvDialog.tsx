import { Alert, Badge, Button, Code, FileInput, Group, Modal, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import type { CsvEncoding } from './csvFile.ts';
import { decodeCsv } from './csvFile.ts';

/** What the server accepts in one import (MAX_CSV_BYTES in the domain), in bytes of UTF-8. */
const MAX_BYTES = 2 * 1024 * 1024;

type Picked = { name: string; text: string; encoding: CsvEncoding; rows: number; head: string };

/**
 * Imports customers, or their orders, from a CSV file as Chinese teams have them: UTF-8 or GBK (detected), a header row
 * naming the columns (name, phone, email, member_id, wechat_openid, wechat_unionid, stage, tags,
 * owner_email, timezone; any other column becomes a property). Re-importing updates, never duplicates;
 * rejected rows are listed with their row number and column.
 */
export type ImportKind = 'customers' | 'orders';

export function ImportCsvDialog({ onClose, initialKind = 'customers' }: { onClose: () => void; initialKind?: ImportKind }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.customers.search.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.workspace.onboarding.queryKey() });
  };
  const importCustomers = useMutation(trpc.customers.importCsv.mutationOptions({ onSuccess: refresh }));
  const importOrders = useMutation(trpc.customers.importOrdersCsv.mutationOptions({ onSuccess: refresh }));
  const importCsv = kind === 'customers' ? importCustomers : importOrders;
  const pick = async (file: File | null) => {
    setPicked(null);
    setProblem(null);
    importCustomers.reset();
    importOrders.reset();
    if (!file) return;
    const { text, encoding } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    if (new TextEncoder().encode(text).length > MAX_BYTES) {
      setProblem(t('customers.import.tooLarge', { mb: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    setPicked({ name: file.name, text, encoding, rows: Math.max(0, lines.length - 1), head: lines.slice(0, 4).join('\n') });
  };
  const result = importCsv.data ? { errors: importCsv.data.errors, summary: 'created' in importCsv.data ? t('customers.import.done', { created: importCsv.data.created, updated: importCsv.data.updated, rejected: importCsv.data.errors.length }) : t('customers.import.ordersDone', { imported: importCsv.data.imported, duplicates: importCsv.data.duplicates, rejected: importCsv.data.errors.length }) } : null;

  return (
    <Modal opened onClose={onClose} title={t('customers.import.title')} size="lg">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as ImportKind);
            void pick(null);
          }}
          data={[
            { value: 'customers', label: t('customers.import.kind.customers') },
            { value: 'orders', label: t('customers.import.kind.orders') },
          ]}
          disabled={importCsv.isPending}
        />
        <Text size="sm" c="dimmed">
          {t(kind === 'customers' ? 'customers.import.intro' : 'customers.import.ordersIntro')}
        </Text>
        <FileInput
          label={t('customers.import.file')}
          placeholder={t('customers.import.pick')}
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={16} />}
          key={kind}
          onChange={(file) => void pick(file)}
          clearable
          data-testid="import-file"
        />
        {problem && <Alert color="red">{problem}</Alert>}
        {picked && !result && (
          <Stack gap={6} data-testid="import-preview">
            <Group gap="xs">
              <Text size="sm">{t('customers.import.rows', { rows: picked.rows })}</Text>
              <Badge variant="light">{t(`customers.import.encoding.${picked.encoding}`)}</Badge>
            </Group>
            <Code block>{picked.head}</Code>
          </Stack>
        )}
        {importCsv.error && <Alert color="red">{errorText(importCsv.error, i18n.language)}</Alert>}
        {result && (
          <Stack gap="xs" data-testid="import-result">
            <Alert color={result.errors.length ? 'yellow' : 'teal'}>{result.summary}</Alert>
            {result.errors.length > 0 && (
              <ScrollArea.Autosize mah={240}>
                <Table data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('customers.import.row')}</Table.Th>
                      <Table.Th>{t('customers.import.column')}</Table.Th>
                      <Table.Th>{t('customers.import.why')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.map((e, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{e.row}</Table.Td>
                        <Table.Td>{e.field ?? '—'}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? t('common.close') : t('common.cancel')}
          </Button>
          {!result && (
            <Button disabled={!picked} loading={importCsv.isPending} onClick={() => picked && (kind === 'customers' ? importCustomers : importOrders).mutate({ csv: picked.text })}>
              {t('customers.import.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
