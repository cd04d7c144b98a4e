import { Alert, Badge, Center, Group, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import type { JourneyGraphInput } from '@sopline/graph';
import { JourneyGraph } from '@sopline/graph';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../../trpc.ts';
import { definitionOf, langOf } from '../catalog.ts';
import { topFieldLabel } from '../forms/labels.ts';
import { formFields, jsonSchemaOf } from '../forms/schemaFields.ts';
import { useDesigner } from '../store.ts';
import type { DiffNode, NormalizeConfig } from './diff.ts';
import { diffGraphs } from './diff.ts';
import { nodeName } from './nodeNames.ts';
import classes from './panels.module.css';

/** Published configs carry their defaults; parse the draft's the same way before comparing. */
const normalize: NormalizeConfig = (type, config) => {
  const parsed = definitionOf(type)?.config.safeParse(config);
  return parsed?.success && parsed.data && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>) : config;
};

/** The label of a changed config key, from the node type's schema. */
function configKeyLabel(type: string, key: string, lang: 'zh-CN' | 'en'): string {
  const def = definitionOf(type);
  const schema = def ? jsonSchemaOf(def.config) : null;
  return topFieldLabel(schema ? formFields(schema) : [], key, lang);
}

/** What changed between a published version and the current draft: nodes added, removed, changed. */
export function DiffModal({ journeyId, version, onClose, onJump }: { journeyId: string; version: { id: string; version: number } | null; onClose(): void; onJump?(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const readOnly = useDesigner((s) => s.readOnly);
  const published = useQuery({ ...trpc.journeys.version.queryOptions({ id: journeyId, versionId: version?.id ?? '' }), enabled: version !== null });
  // The draft: what is on the canvas (unsaved edits included), or the saved draft while a version is shown.
  const saved = useQuery({ ...trpc.journeys.get.queryOptions({ id: journeyId }), enabled: version !== null && readOnly });
  const draft: JourneyGraphInput | null = useMemo(() => {
    if (!version) return null;
    if (!readOnly) return useDesigner.getState().graph();
    const parsed = JourneyGraph.safeParse(saved.data?.graph);
    return parsed.success ? parsed.data : null;
  }, [version, readOnly, saved.data]);
  const diff = useMemo(() => {
    const before = JourneyGraph.safeParse(published.data?.graph);
    return before.success && draft ? diffGraphs(before.data, draft, normalize) : null;
  }, [published.data, draft]);

  const row = (n: DiffNode, color: string, extra?: string) => (
    <UnstyledButton
      key={n.id}
      className={classes.row}
      px={6}
      py={4}
      disabled={readOnly || color === 'red'}
      onClick={() => {
        useDesigner.getState().requestFocus(n.id);
        (onJump ?? onClose)();
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <Badge size="xs" color={color} variant="dot" style={{ flexShrink: 0 }}>
          {definitionOf(n.type)?.title[lang] ?? n.type}
        </Badge>
        <Text size="sm" fw={500}>
          {nodeName(n, lang)}
        </Text>
        {extra && (
          <Text size="xs" c="dimmed">
            {extra}
          </Text>
        )}
      </Group>
    </UnstyledButton>
  );

  return (
    <Modal opened={version !== null} onClose={onClose} title={version ? t('designer.diff.title', { version: version.version }) : ''} size="lg">
      {published.isError ? (
        <Alert color="red">{errorText(published.error, i18n.language)}</Alert>
      ) : !diff ? (
        <Center p="lg">
          <Loader size="sm" />
        </Center>
      ) : diff.same ? (
        <Text>{t('designer.diff.same', { version: version?.version })}</Text>
      ) : (
        <Stack gap="md" data-testid="version-diff">
          {diff.added.length > 0 && (
            <Stack gap={2}>
              <Text fw={600} size="sm" c="teal.8">
                {t('designer.diff.added', { count: diff.added.length })}
              </Text>
              {diff.added.map((n) => row(n, 'teal'))}
            </Stack>
          )}
          {diff.removed.length > 0 && (
            <Stack gap={2}>
              <Text fw={600} size="sm" c="red.8">
                {t('designer.diff.removed', { count: diff.removed.length })}
              </Text>
              {diff.removed.map((n) => row(n, 'red'))}
            </Stack>
          )}
          {diff.changed.length > 0 && (
            <Stack gap={2}>
              <Text fw={600} size="sm" c="yellow.8">
                {t('designer.diff.changed', { count: diff.changed.length })}
              </Text>
              {diff.changed.map((n) =>
                row(
                  n,
                  'yellow',
                  n.changes
                    .map((c) => (c === 'config' && n.configKeys.length > 0 ? `${t(`designer.diff.what.${c}`)}（${n.configKeys.map((k) => configKeyLabel(n.type, k, lang)).join(lang === 'en' ? ', ' : '、')}）` : t(`designer.diff.what.${c}`)))
                    .join(lang === 'en' ? ', ' : '、'),
                ),
              )}
            </Stack>
          )}
          {(diff.edges.added > 0 || diff.edges.removed > 0) && (
            <Text size="sm" c="dimmed">
              {t('designer.diff.edges', { added: diff.edges.added, removed: diff.edges.removed })}
            </Text>
          )}
          {diff.settingsChanged && (
            <Text size="sm" c="dimmed">
              {t('designer.diff.settings')}
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
