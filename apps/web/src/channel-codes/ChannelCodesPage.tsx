import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Card, Center, Container, Group, Image, Loader, Menu, Modal, Stack, Switch, Table, Text, Title, ActionIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconDownload, IconPencil, IconPlus, IconQrcode, IconArchive } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import type { ChannelCode } from './ChannelCodeDialog.tsx';
import { ChannelCodeDialog } from './ChannelCodeDialog.tsx';

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100));

/** Channel codes (渠道活码): one WeCom QR code per source, what each brought, and its QR image to print. */
export function ChannelCodesPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [archived, setArchived] = useState(false);
  const codes = useQuery(trpc.channelCodes.list.queryOptions({ archived }));
  const connection = useQuery(trpc.wecom.connected.queryOptions());
  const stages = useQuery(trpc.stages.list.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  // Only admins can connect WeCom: others are told whom to ask rather than sent to a tab they cannot open.
  const isAdmin = me.data?.user.role === 'admin';
  const [editing, setEditing] = useState<ChannelCode | 'new' | null>(null);
  const [qrOf, setQrOf] = useState<ChannelCode | null>(null);
  const [retiring, setRetiring] = useState<ChannelCode | null>(null);
  const retire = useMutation(
    trpc.channelCodes.archive.mutationOptions({
      onSuccess: async () => {
        setRetiring(null);
        notifications.show({ color: 'teal', message: t('channelCodes.archived') });
        await queryClient.invalidateQueries({ queryKey: trpc.channelCodes.list.queryKey() });
      },
    }),
  );
  const stageLabel = (code: string) => {
    const s = stages.data?.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.label.en : s.label['zh-CN']) : code;
  };
  const connected = connection.data?.connected ?? true;
  const list = codes.data ?? [];

  return (
    <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2}>{t('channelCodes.title')}</Title>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={!connected} data-testid="code-new">
            {t('channelCodes.create')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('channelCodes.intro')}
        </Text>
        {!connected && (
          <Alert color="yellow" data-testid="codes-needs-wecom">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t(isAdmin ? 'channelCodes.needsWeCom' : 'channelCodes.needsWeComAsk')}</Text>
              {isAdmin && (
                <Anchor component={Link} to="/settings?tab=wecom" size="sm">
                  {t('channelCodes.openSettings')}
                </Anchor>
              )}
            </Stack>
          </Alert>
        )}
        <Switch label={t('channelCodes.showArchived')} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />
        {codes.isPending ? (
          <Center h={160}>
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        ) : codes.isError ? (
          <Alert color="red" role="alert">
            {errorText(codes.error, i18n.language)}
          </Alert>
        ) : list.length === 0 ? (
          <Card withBorder p="lg">
            <Text size="sm" c="dimmed" ta="center" data-testid="codes-empty">
              {t('channelCodes.empty')}
            </Text>
          </Card>
        ) : (
          <>
            <Card withBorder p="md" data-testid="codes-chart">
              <Stack gap="xs">
                <Title order={3} size="h5">
                  {t('channelCodes.chart')}
                </Title>
                <Text size="xs" c="dimmed">
                  {t('channelCodes.chartHelp')}
                </Text>
                <BarChart
                  h={Math.max(160, list.length * 48)}
                  orientation="vertical"
                  data={list.map((c) => ({ code: c.name, added: c.counts.added, friends: c.counts.friends, converted: c.counts.converted }))}
                  dataKey="code"
                  series={[
                    { name: 'added', label: t('channelCodes.added'), color: 'blue.5' },
                    { name: 'friends', label: t('channelCodes.friends'), color: 'teal.5' },
                    { name: 'converted', label: t('channelCodes.converted'), color: 'orange.5' },
                  ]}
                  withLegend
                  yAxisProps={{ width: 110 }}
                  xAxisProps={{ allowDecimals: false }}
                />
              </Stack>
            </Card>
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover fz="sm" data-testid="codes-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('channelCodes.name')}</Table.Th>
                    <Table.Th>{t('channelCodes.source')}</Table.Th>
                    <Table.Th>{t('channelCodes.reps')}</Table.Th>
                    <Table.Th>{t('channelCodes.tags')}</Table.Th>
                    <Table.Th ta="right">{t('channelCodes.added')}</Table.Th>
                    <Table.Th ta="right">{t('channelCodes.friends')}</Table.Th>
                    <Table.Th ta="right">{t('channelCodes.converted')}</Table.Th>
                    <Table.Th ta="right">{t('channelCodes.rate')}</Table.Th>
                    <Table.Th>{t('channelCodes.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((c) => {
                    const rate = percent(c.counts.converted, c.counts.added);
                    return (
                      <Table.Tr key={c.id} data-testid={`code-row-${c.name}`}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" fw={500}>
                              {c.name}
                            </Text>
                            {c.archived && (
                              <Badge size="xs" color="gray">
                                {t('channelCodes.retired')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{c.source}</Table.Td>
                        <Table.Td>{c.reps.map((r) => r.name).join('、')}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {c.tags.map((tag) => (
                              <Badge key={tag} size="sm" variant="light">
                                {tag}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" data-testid="code-added">
                          {c.counts.added}
                        </Table.Td>
                        <Table.Td ta="right" data-testid="code-friends">
                          {c.counts.friends}
                        </Table.Td>
                        <Table.Td ta="right" data-testid="code-converted">
                          {c.counts.converted}
                        </Table.Td>
                        <Table.Td ta="right" title={t('channelCodes.rateHelp', { stage: stageLabel(c.conversionStage) })}>
                          {rate === null ? '—' : `${rate}%`}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-sm" variant="light" leftSection={<IconQrcode size={14} />} onClick={() => setQrOf(c)} disabled={c.archived} data-testid="code-qr">
                              {t('channelCodes.qr')}
                            </Button>
                            {!c.archived && (
                              <Menu position="bottom-end" withinPortal>
                                <Menu.Target>
                                  <ActionIcon variant="subtle" aria-label={t('channelCodes.more', { name: c.name })}>
                                    <IconDots size={16} />
                                  </ActionIcon>
                                </Menu.Target>
                                <Menu.Dropdown>
                                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(c)}>
                                    {t('channelCodes.edit')}
                                  </Menu.Item>
                                  <Menu.Item leftSection={<IconArchive size={14} />} color="red" onClick={() => setRetiring(c)}>
                                    {t('channelCodes.archive')}
                                  </Menu.Item>
                                </Menu.Dropdown>
                              </Menu>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
      {editing && (
        <ChannelCodeDialog
          code={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            notifications.show({ color: 'teal', message: created ? t('channelCodes.form.created') : t('channelCodes.form.saved') });
            if (created) setQrOf(saved);
          }}
        />
      )}
      {qrOf && (
        <Modal opened onClose={() => setQrOf(null)} title={t('channelCodes.qrTitle', { name: qrOf.name })} size="sm">
          <Stack align="center" gap="sm">
            <Image src={qrOf.qrPath} alt={t('channelCodes.qrAlt', { name: qrOf.name })} w={240} h={240} fit="contain" data-testid="code-qr-image" />
            <Text size="xs" c="dimmed" ta="center">
              {t('channelCodes.qrHelp', { source: qrOf.source })}
            </Text>
            <Button component="a" href={`${qrOf.qrPath}?download=1`} download={`${qrOf.name}.png`} leftSection={<IconDownload size={16} />} data-testid="code-qr-download">
              {t('channelCodes.download')}
            </Button>
          </Stack>
        </Modal>
      )}
      {retiring && (
        <Modal opened onClose={() => setRetiring(null)} title={t('channelCodes.archiveTitle', { name: retiring.name })} size="md">
          <Stack gap="sm">
            <Text size="sm">{t('channelCodes.archiveBody')}</Text>
            {retire.error && <Alert color="red">{errorText(retire.error, i18n.language)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRetiring(null)}>
                {t('channelCodes.form.cancel')}
              </Button>
              <Button color="red" loading={retire.isPending} onClick={() => retire.mutate({ id: retiring.id })} data-testid="code-retire-confirm">
                {t('channelCodes.archive')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Container>
  );
}
