import { ActionIcon, Alert, Button, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';

type Row = { key: number; code: string; zh: string; en: string; saved: boolean };

let nextKey = 1;

/**
 * The workspace's lifecycle stages, in the funnel's order: ops managers and admins rename, reorder and
 * add them. A code is what imports, the API and journeys use; it cannot change once saved.
 */
export function StagesSection({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stages = useQuery(trpc.stages.list.queryOptions());
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    if (stages.data && rows === null) setRows(stages.data.map((s) => ({ key: nextKey++, code: s.code, zh: s.label['zh-CN'], en: s.label.en, saved: true })));
  }, [stages.data, rows]);
  const save = useMutation(
    trpc.stages.save.mutationOptions({
      onSuccess: async (saved) => {
        setRows(saved.map((s) => ({ key: nextKey++, code: s.code, zh: s.label['zh-CN'], en: s.label.en, saved: true })));
        notifications.show({ color: 'teal', message: t('settings.stages.saved') });
        await queryClient.invalidateQueries({ queryKey: trpc.stages.list.queryKey() });
      },
    }),
  );
  const wrong = fieldError(save.error);
  const wrongRow = wrong && /^stages\.(\d+)/.exec(wrong.field)?.[1];
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs!.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs!];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="stages-title">
      <Stack gap="sm">
        <Title order={3} id="stages-title">
          {t('settings.stages.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.stages.intro')}
        </Text>
        {stages.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {stages.isError && <Alert color="red">{errorText(stages.error, lang)}</Alert>}
        {rows && (
          <form noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ stages: rows.map((r) => ({ code: r.code.trim(), label: { 'zh-CN': r.zh, en: r.en } })) });
            }}
          >
            <Stack gap="sm">
              <Table.ScrollContainer minWidth={560}>
                <Table data-testid="stages-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('settings.stages.labelZh')}</Table.Th>
                      <Table.Th>{t('settings.stages.labelEn')}</Table.Th>
                      <Table.Th>{t('settings.stages.code')}</Table.Th>
                      {canEdit && <Table.Th aria-label={t('settings.team.actions')} />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((row, index) => (
                      <Table.Tr key={row.key} data-testid="stage-row" data-code={row.code}>
                        <Table.Td>
                          <TextInput size="xs" aria-label={t('settings.stages.labelZh')} value={row.zh} onChange={(e) => update(row.key, { zh: e.currentTarget.value })} disabled={!canEdit} required maxLength={40} />
                        </Table.Td>
                        <Table.Td>
                          <TextInput size="xs" aria-label={t('settings.stages.labelEn')} value={row.en} onChange={(e) => update(row.key, { en: e.currentTarget.value })} disabled={!canEdit} required maxLength={40} />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={t('settings.stages.code')}
                            value={row.code}
                            onChange={(e) => update(row.key, { code: e.currentTarget.value.toLowerCase() })}
                            disabled={!canEdit || row.saved}
                            placeholder={t('settings.stages.codePlaceholder')}
                            required
                            maxLength={64}
                          />
                        </Table.Td>
                        {canEdit && (
                          <Table.Td>
                            <Group gap={2} wrap="nowrap">
                              <ActionIcon variant="subtle" aria-label={t('settings.stages.up')} disabled={index === 0} onClick={() => move(index, -1)}>
                                <IconArrowUp size={16} />
                              </ActionIcon>
                              <ActionIcon variant="subtle" aria-label={t('settings.stages.down')} disabled={index === rows.length - 1} onClick={() => move(index, 1)}>
                                <IconArrowDown size={16} />
                              </ActionIcon>
                              <ActionIcon variant="subtle" color="red" aria-label={t('settings.stages.remove')} disabled={rows.length === 1} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {save.error && (
                <Alert color="red" data-testid="stages-error">
                  {wrongRow !== undefined && wrongRow !== null && wrong?.message !== null ? t('settings.stages.badRow', { row: Number(wrongRow) + 1 }) : errorText(save.error, lang)}
                </Alert>
              )}
              {canEdit && (
                <Group>
                  <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setRows([...rows, { key: nextKey++, code: '', zh: '', en: '', saved: false }])}>
                    {t('settings.stages.add')}
                  </Button>
                  <Button type="submit" loading={save.isPending}>
                    {t('settings.stages.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
