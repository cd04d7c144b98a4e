import { ActionIcon, Anchor, Badge, Box, Button, Group, Switch, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconChecklist, IconHistory, IconPlayerPlay, IconRocket, IconSettings, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, useTRPC } from '../../trpc.ts';
import { LifecycleButton } from './LifecycleButton.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import type { DraftSync } from './useDraftSync.ts';

const STATUS_COLOR = { draft: 'gray', live: 'teal', paused: 'yellow', archived: 'dark' } as const;
type Status = keyof typeof STATUS_COLOR;

export type HeaderActions = {
  onBack(): void;
  onValidate(): void;
  validating: boolean;
  onSimulate(): void;
  onPublish(): void;
  onVersions(): void;
  onSettings(): void;
  /** Opens "enrol customers"; offered only while the journey is live. */
  onEnrol(): void;
  onResolveConflict(): void;
  live: { available: boolean; on: boolean; toggle(on: boolean): void; version: number | null };
};

/** The editor's top bar: back, name, status, save state and the journey-wide actions. */
export function EditorHeader({ journey, sync, actions }: { journey: { id: string; name: string; status: Status }; sync: DraftSync; actions: HeaderActions }) {
  const { t } = useTranslation();
  const viewingVersion = sync.showing?.kind === 'version';
  const archived = journey.status === 'archived';
  return (
    <Group justify="space-between" px="sm" py={6} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', background: 'var(--mantine-color-body)' }}>
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        <Tooltip label={t('designer.actions.back')}>
          <ActionIcon
            component={Link}
            to="/journeys"
            variant="subtle"
            color="gray"
            aria-label={t('designer.actions.back')}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              actions.onBack();
            }}
          >
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <JourneyName id={journey.id} name={journey.name} editable={!archived} />
        <Badge color={STATUS_COLOR[journey.status]} variant="light" style={{ flexShrink: 0 }} data-testid="journey-status">
          {t(`journeys.status.${journey.status}`)}
        </Badge>
        <SaveStatus status={sync.status} state={sync.saveState} onSave={() => void sync.save()} onResolve={actions.onResolveConflict} />
      </Group>
      {/* The actions never shrink: the journey name gives way (it truncates) instead. */}
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        {actions.live.available && (
          <Tooltip label={t('designer.actions.liveHint')} multiline w={240}>
            <Box>
              <Switch
                size="sm"
                styles={{ label: { whiteSpace: 'nowrap' } }}
                label={actions.live.version !== null ? `${t('designer.actions.live')} · v${actions.live.version}` : t('designer.actions.live')}
                checked={actions.live.on}
                onChange={(e) => actions.live.toggle(e.currentTarget.checked)}
                data-testid="live-toggle"
              />
            </Box>
          </Tooltip>
        )}
        <Tooltip label={t('designer.actions.validateHint')}>
          <Button size="xs" variant="default" leftSection={<IconChecklist size={14} />} onClick={actions.onValidate} loading={actions.validating} data-testid="validate-button">
            {t('designer.actions.validate')}
          </Button>
        </Tooltip>
        <Tooltip label={t('designer.simulate.hint')}>
          <Button size="xs" variant="default" leftSection={<IconPlayerPlay size={14} />} onClick={actions.onSimulate} disabled={viewingVersion} data-testid="simulate-button">
            {t('designer.simulate.button')}
          </Button>
        </Tooltip>
        <Tooltip label={t('designer.actions.versions')}>
          <ActionIcon size="md" variant="default" onClick={actions.onVersions} aria-label={t('designer.actions.versions')} data-testid="versions-button">
            <IconHistory size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('designer.actions.settings')}>
          <ActionIcon size="md" variant="default" onClick={actions.onSettings} aria-label={t('designer.actions.settings')} data-testid="settings-button">
            <IconSettings size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('designer.enrol.notLive')} multiline w={240} disabled={journey.status === 'live'}>
          <Box>
            <Button size="xs" variant="default" leftSection={<IconUserPlus size={14} />} onClick={actions.onEnrol} disabled={journey.status !== 'live'} data-testid="enrol-button">
              {t('designer.enrol.button')}
            </Button>
          </Box>
        </Tooltip>
        <LifecycleButton journeyId={journey.id} status={journey.status} />
        <Button size="xs" leftSection={<IconRocket size={14} />} onClick={actions.onPublish} disabled={viewingVersion || archived} data-testid="publish-button">
          {t('designer.actions.publish')}
        </Button>
      </Group>
    </Group>
  );
}

/** The journey's name; click to rename (Enter saves, Esc cancels). */
function JourneyName({ id, name, editable }: { id: string; name: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const rename = useMutation(
    trpc.journeys.rename.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id }) }), queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() })]);
      },
    }),
  );
  if (editing !== null) {
    const invalid = editing.trim() === '';
    return (
      <TextInput
        size="xs"
        w={260}
        value={editing}
        autoFocus
        aria-label={t('designer.editor.rename')}
        maxLength={120}
        description={t('designer.editor.renameHint')}
        error={invalid ? t('designer.editor.nameRequired') : rename.isError ? errorText(rename.error, i18n.language) : undefined}
        onChange={(e) => setEditing(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setEditing(null);
          if (e.key === 'Enter' && !invalid) rename.mutate({ id, name: editing.trim() });
        }}
        onBlur={() => (!invalid && editing.trim() !== name ? rename.mutate({ id, name: editing.trim() }) : setEditing(null))}
        disabled={rename.isPending}
      />
    );
  }
  const title = (
    <Text fw={600} truncate maw={320} data-testid="journey-name">
      {name}
    </Text>
  );
  if (!editable) return title;
  return (
    <Tooltip label={t('designer.editor.rename')}>
      <UnstyledButton onClick={() => setEditing(name)} style={{ minWidth: 0 }}>
        {title}
      </UnstyledButton>
    </Tooltip>
  );
}

export function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/journeys">
      ← {t('designer.back')}
    </Anchor>
  );
}
