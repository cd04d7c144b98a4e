import { Alert, Badge, Button, Center, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../../trpc.ts';
import { langOf } from '../catalog.ts';
import { nodeName, nodesById } from './nodeNames.ts';
import { notify } from './notify.ts';

/**
 * "Move waiting customers to this version": a dry run first (how many move, from which node to
 * which, who cannot and why), then the move itself.
 */
export function MigrateDialog({ journeyId, target, onClose }: { journeyId: string; target: { id: string; version: number } | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useMutation(trpc.journeys.migrate.mutationOptions());
  const apply = useMutation(
    trpc.journeys.migrate.mutationOptions({
      onSuccess: async (report) => {
        notify({
          color: 'teal',
          title: t('designer.migrate.done', { moved: report.totals.moved, version: report.toVersion }),
          message: report.totals.changedMeanwhile > 0 ? t('designer.migrate.changedMeanwhile', { count: report.totals.changedMeanwhile }) : undefined,
        });
        onClose();
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.analytics.nodeCounts.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.enrollments.list.queryKey() })]);
      },
    }),
  );
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetApply } = apply;

  useEffect(() => {
    if (!target) return;
    resetApply();
    runPreview({ id: journeyId, toVersionId: target.id, dryRun: true });
    return () => resetPreview();
  }, [target, journeyId, runPreview, resetPreview, resetApply]);

  const report = preview.data;
  const versionIds = report ? [...new Set([report.toVersionId, ...report.moves.map((m) => m.fromVersionId), ...report.unmapped.map((u) => u.fromVersionId)])] : [];
  const graphs = useQueries({ queries: versionIds.map((versionId) => trpc.journeys.version.queryOptions({ id: journeyId, versionId })) });
  const nodeIn = (versionId: string, nodeId: string | null) => {
    if (nodeId === null) return t('designer.migrate.notStarted');
    const i = versionIds.indexOf(versionId);
    return nodeName(nodesById(graphs[i]?.data?.graph).get(nodeId), lang, nodeId);
  };
  const version = target?.version ?? 0;

  return (
    <Modal opened={target !== null} onClose={onClose} title={t('designer.migrate.title', { version })} size="xl">
      {preview.isError ? (
        <Alert color="red">{t('designer.migrate.failed', { error: errorText(preview.error, i18n.language) })}</Alert>
      ) : !report ? (
        <Center p="lg">
          <Stack align="center" gap="xs">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              {t('designer.migrate.previewing')}
            </Text>
          </Stack>
        </Center>
      ) : (
        <Stack data-testid="migrate-preview">
          <Text>{report.totals.open === 0 ? t('designer.migrate.nobody') : t('designer.migrate.summary', { mappable: report.totals.mappable, open: report.totals.open, version })}</Text>
          {report.moves.length > 0 && (
            <>
              <Text fw={600} size="sm">
                {t('designer.migrate.moves')}
              </Text>
              <Table withTableBorder verticalSpacing={4}>
                <Table.Tbody>
                  {report.moves.map((m) => (
                    <Table.Tr key={`${m.fromVersionId}-${m.fromNodeId}-${m.toNodeId}`}>
                      <Table.Td>
                        <Badge size="xs" variant="light" color="gray" mr={6}>
                          v{m.fromVersion}
                        </Badge>
                        {nodeIn(m.fromVersionId, m.fromNodeId)}
                      </Table.Td>
                      <Table.Td>→</Table.Td>
                      <Table.Td>
                        <Badge size="xs" variant="light" mr={6}>
                          v{report.toVersion}
                        </Badge>
                        {nodeIn(report.toVersionId, m.toNodeId)}
                      </Table.Td>
                      <Table.Td ta="right">{m.count}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed">
                {t('designer.migrate.explain', { version })}
              </Text>
            </>
          )}
          {report.unmapped.length > 0 && (
            <Alert color="yellow" variant="light" title={t('designer.migrate.unmapped', { count: report.totals.unmappable })} p="xs">
              <Stack gap={2}>
                {report.unmapped.map((u) => (
                  <Text size="sm" key={`${u.fromVersionId}-${u.fromNodeId}-${u.reason}`}>
                    v{u.fromVersion} · {nodeIn(u.fromVersionId, u.fromNodeId)} × {u.count}：{t(`designer.migrate.reasons.${u.reason}`, { version })}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          {apply.isError && <Alert color="red">{t('designer.migrate.failed', { error: errorText(apply.error, i18n.language) })}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={report.totals.mappable === 0}
              loading={apply.isPending}
              onClick={() => target && apply.mutate({ id: journeyId, toVersionId: target.id, dryRun: false })}
              data-testid="migrate-confirm"
            >
              {t('designer.migrate.apply', { count: report.totals.mappable })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
