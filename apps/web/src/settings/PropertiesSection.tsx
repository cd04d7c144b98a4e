import { ActionIcon, Alert, Badge, Button, Code, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';

type Type = 'text' | 'number' | 'date';
type Row = { id: number; key: string; type: Type; zh: string; en: string; saved: boolean; builtIn: boolean };

let nextId = 1;

/**
 * The customer properties of the workspace: ops managers and admins add, rename, retype and remove
 * them (birthday stays, as a date; one a live journey reads cannot go or change type — the server says which journey).
 */
export function PropertiesSection({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.properties.list.queryOptions());
  const [rows, setRows] = useState<Row[] | null>(null);
  const toRows = (items: NonNullable<typeof list.data>) => items.map((p) => ({ id: nextId++, key: p.key, type: p.type, zh: p.label['zh-CN'], en: p.label.en, saved: true, builtIn: p.builtIn }));
  useEffect(() => {
    if (list.data && rows === null) setRows(toRows(list.data));
  }, [list.data, rows]);
  const save = useMutation(
    trpc.properties.save.mutationOptions({
      onSuccess: async (saved) => {
        setRows(toRows(saved));
        notifications.show({ color: 'teal', message: t('settings.properties.saved') });
        await queryClient.invalidateQueries({ queryKey: trpc.properties.list.queryKey() });
      },
    }),
  );
  const wrong = fieldError(save.error);
  const wrongRow = wrong && /^properties\.(\d+)/.exec(wrong.field)?.[1];
  const update = (id: number, patch: Partial<Row>) => setRows((rs) => rs!.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const types = (['text', 'number', 'date'] as const).map((value) => ({ value, label: t(`settings.properties.types.${value}`) }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="properties-title">
      <Stack gap="sm">
        <Title order={3} id="properties-title">
          {t('settings.properties.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.properties.intro')}
        </Text>
        {list.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {list.isError && <Alert color="red">{errorText(list.error, lang)}</Alert>}
        {rows && (
          <form noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ properties: rows.map((r) => ({ key: r.key.trim(), type: r.type, label: { 'zh-CN': r.zh.trim() || r.key.trim(), en: r.en.trim() || r.key.trim() } })) });
            }}
          >
            <Stack gap="sm">
              <Table.ScrollContainer minWidth={620}>
                <Table data-testid="properties-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('settings.properties.key')}</Table.Th>
                      <Table.Th>{t('settings.properties.type')}</Table.Th>
                      <Table.Th>{t('settings.properties.labelZh')}</Table.Th>
                      <Table.Th>{t('settings.properties.labelEn')}</Table.Th>
                      {canEdit && <Table.Th aria-label={t('settings.team.actions')} />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((row) => (
                      <Table.Tr key={row.id} data-testid="property-row" data-key={row.key}>
                        <Table.Td>
                          {row.saved ? (
                            <Group gap={6} wrap="nowrap">
                              <Code>{row.key}</Code>
                              {row.builtIn && (
                                <Badge size="xs" variant="light">
                                  {t('settings.properties.builtIn')}
                                </Badge>
                              )}
                            </Group>
                          ) : (
                            <TextInput size="xs" aria-label={t('settings.properties.key')} value={row.key} onChange={(e) => update(row.id, { key: e.currentTarget.value })} required maxLength={64} placeholder={t('settings.properties.keyPlaceholder')} />
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Select size="xs" aria-label={t('settings.properties.type')} data={types} value={row.type} onChange={(v) => v && update(row.id, { type: v as Type })} allowDeselect={false} disabled={!canEdit || row.builtIn} w={110} />
                        </Table.Td>
                        <Table.Td>
                          <TextInput size="xs" aria-label={t('settings.properties.labelZh')} value={row.zh} onChange={(e) => update(row.id, { zh: e.currentTarget.value })} disabled={!canEdit} maxLength={40} />
                        </Table.Td>
                        <Table.Td>
                          <TextInput size="xs" aria-label={t('settings.properties.labelEn')} value={row.en} onChange={(e) => update(row.id, { en: e.currentTarget.value })} disabled={!canEdit} maxLength={40} />
                        </Table.Td>
                        {canEdit && (
                          <Table.Td>
                            <ActionIcon variant="subtle" color="red" aria-label={t('settings.properties.remove')} disabled={row.builtIn} onClick={() => setRows(rows.filter((r) => r.id !== row.id))}>
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {save.error && (
                <Alert color="red" data-testid="properties-error">
                  {wrongRow !== undefined && wrongRow !== null ? t('settings.properties.badRow', { row: Number(wrongRow) + 1 }) : errorText(save.error, lang)}
                </Alert>
              )}
              {canEdit && (
                <Group>
                  <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setRows([...rows, { id: nextId++, key: '', type: 'text', zh: '', en: '', saved: false, builtIn: false }])}>
                    {t('settings.properties.add')}
                  </Button>
                  <Button type="submit" loading={save.isPending}>
                    {t('settings.properties.save')}
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
