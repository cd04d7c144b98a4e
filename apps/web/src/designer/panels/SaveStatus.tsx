import { Badge, Loader, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCloudUpload, IconGitMerge, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDesigner } from '../store.ts';
import { formatWhen } from './format.ts';
import type { SaveState, SaveStatus as Status } from './saveState.ts';

const LOOK: Record<Status, { color: string; icon: React.ReactNode }> = {
  saved: { color: 'teal', icon: <IconCheck size={12} /> },
  saving: { color: 'blue', icon: <Loader size={10} color="blue" /> },
  dirty: { color: 'gray', icon: <IconCloudUpload size={12} /> },
  conflict: { color: 'red', icon: <IconGitMerge size={12} /> },
  failed: { color: 'orange', icon: <IconAlertTriangle size={12} /> },
  readOnly: { color: 'gray', icon: <IconLock size={12} /> },
};

/** "已保存 / 保存中… / 有未保存的更改 / 冲突": click to save now, or to resolve a conflict. */
export function SaveStatus({ status, state, onSave, onResolve }: { status: Status; state: SaveState; onSave(): void; onResolve(): void }) {
  const { t, i18n } = useTranslation();
  const revision = useDesigner((s) => s.revision);
  const hint =
    status === 'saved'
      ? state.lastSavedAt
        ? t('designer.save.savedAt', { when: formatWhen(new Date(state.lastSavedAt).toISOString(), i18n.language), revision })
        : t('designer.save.dirtyHint')
      : status === 'dirty'
        ? t('designer.save.dirtyHint')
        : status === 'conflict'
          ? t('designer.save.conflictHint')
          : status === 'failed' && state.phase === 'failed'
            ? t('designer.save.failedHint', { error: state.error })
            : '';
  const look = LOOK[status];
  const badge = (
    <Badge style={{ flexShrink: 0 }} data-testid="save-status" data-status={status} color={look.color} variant="light" leftSection={look.icon} size="lg" radius="sm" tt="none" fw={500}>
      {t(`designer.save.${status}`)}
    </Badge>
  );
  const clickable = status === 'dirty' || status === 'failed' || status === 'conflict';
  return (
    <Tooltip label={hint} disabled={!hint} multiline w={280}>
      {clickable ? (
        <UnstyledButton onClick={status === 'conflict' ? onResolve : onSave} aria-label={`${t(`designer.save.${status}`)} — ${t('designer.save.saveNow')}`}>
          {badge}
        </UnstyledButton>
      ) : (
        <span aria-live="polite">{badge}</span>
      )}
    </Tooltip>
  );
}
