import { Alert, Badge, Button, Center, Drawer, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconEye, IconGitCompare } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../../trpc.ts';
import { DiffModal } from './DiffModal.tsx';
import { formatWhen } from './format.ts';
import { MigrateDialog } from './MigrateDialog.tsx';
import type { DraftSync } from './useDraftSync.ts';
import { notify } from './notify.ts';

type VersionRef = { id: string; version: number };

/** Version history: open any version read-only, compare it with the draft, move waiting customers onto it. */
export function VersionsDrawer({ journeyId, sync, opened, onClose }: { journeyId: string; sync: DraftSync; opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery({ ...trpc.journeys.versions.queryOptions({ id: journeyId }), enabled: opened });
  const [comparing, setComparing] = useState<VersionRef | null>(null);
  const [migrating, setMigrating] = useState<VersionRef | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const viewing = sync.showing?.kind === 'version' ? sync.showing.versionId : null;
  const count = versions.data?.length ?? 0;

  const view = async (versionId: string) => {
    setOpening(versionId);
    try {
      if (await sync.viewVersion(versionId)) onClose();
      else notify({ color: 'orange', message: t('designer.editor.saveFirst') });
    } catch (err) {
      notify({ color: 'red', message: t('designer.editor.versionFailed', { error: errorText(err, i18n.language) }) });
    } finally {
      setOpening(null);
    }
  };

  return (
    <>
      <Drawer opened={opened} onClose={onClose} position="right" size="md" title={t('designer.versions.title')}>
        {versions.isError && <Alert color="red">{errorText(versions.error, i18n.language)}</Alert>}
        {versions.isPending ? (
          <Center p="lg">
            <Loader size="sm" />
          </Center>
        ) : count === 0 ? (
          <Text c="dimmed" size="sm">
            {t('designer.versions.empty')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="versions-list">
            {versions.data?.map((v) => (
              <Paper key={v.id} withBorder p="sm" data-testid="version-item" bg={viewing === v.id ? 'var(--mantine-color-blue-0)' : undefined}>
                <Group justify="space-between" mb={4}>
                  <Group gap="xs">
                    <Text fw={700}>v{v.version}</Text>
                    {v.live && (
                      <Badge color="teal" size="sm">
                        {t('designer.versions.live')}
                      </Badge>
                    )}
                    {viewing === v.id && (
                      <Badge color="blue" size="sm" variant="light">
                        {t('designer.versions.viewing')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('designer.versions.nodes', { count: v.nodeCount })}
                  </Text>
                </Group>
                <Text size="sm" c={v.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                  {v.notes || t('designer.versions.noNotes')}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('designer.versions.by', { who: v.publishedBy?.name ?? t('designer.versions.unknownUser'), when: formatWhen(v.publishedAt, i18n.language) })}
                </Text>
                <Group gap="xs" mt="xs">
                  <Button size="compact-xs" variant="light" leftSection={<IconEye size={14} />} disabled={viewing === v.id} loading={opening === v.id} onClick={() => void view(v.id)}>
                    {t('designer.versions.view')}
                  </Button>
                  <Button size="compact-xs" variant="light" leftSection={<IconGitCompare size={14} />} onClick={() => setComparing({ id: v.id, version: v.version })}>
                    {t('designer.versions.compare')}
                  </Button>
                  {count > 1 && (
                    <Tooltip label={t('designer.versions.migrateHint')} multiline w={240}>
                      <Button size="compact-xs" variant="light" color="grape" leftSection={<IconArrowsExchange size={14} />} onClick={() => setMigrating({ id: v.id, version: v.version })}>
                        {t('designer.versions.migrate')}
                      </Button>
                    </Tooltip>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Drawer>
      <DiffModal
        journeyId={journeyId}
        version={comparing}
        onClose={() => setComparing(null)}
        onJump={() => {
          setComparing(null);
          onClose();
        }}
      />
      <MigrateDialog journeyId={journeyId} target={migrating} onClose={() => setMigrating(null)} />
    </>
  );
}
