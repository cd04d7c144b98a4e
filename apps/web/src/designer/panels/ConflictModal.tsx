import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from './format.ts';
import type { ConflictDetails } from './saveState.ts';

/** Someone else saved the draft: load theirs or overwrite with mine, explicitly. */
export function ConflictModal(props: { conflict: ConflictDetails | null; opened: boolean; onClose(): void; onLoadTheirs(): Promise<unknown>; onKeepMine(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<'theirs' | 'mine' | null>(null);
  const c = props.conflict;
  if (!c) return null;
  const run = (which: 'theirs' | 'mine', action: () => Promise<unknown>) => {
    setBusy(which);
    void action().finally(() => setBusy(null));
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('designer.conflict.title')} closeOnClickOutside={false} size="lg" data-testid="conflict-modal">
      <Stack>
        <Text>
          {c.savedAt
            ? t('designer.conflict.body', { who: c.savedBy?.name ?? t('designer.conflict.someone'), when: formatWhen(c.savedAt, i18n.language), revision: c.currentRevision })
            : t('designer.conflict.bodyUnknown', { revision: c.currentRevision })}
        </Text>
        <Alert color="gray" variant="light" p="xs">
          <Text size="sm">
            <b>{t('designer.conflict.loadTheirs')}</b> — {t('designer.conflict.loadTheirsHint')}
          </Text>
          <Text size="sm" mt={4}>
            <b>{t('designer.conflict.keepMine')}</b> — {t('designer.conflict.keepMineHint')}
          </Text>
        </Alert>
        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={props.onClose}>
            {t('designer.conflict.later')}
          </Button>
          <Group>
            <Button variant="default" loading={busy === 'theirs'} disabled={busy !== null} onClick={() => run('theirs', props.onLoadTheirs)} data-testid="conflict-load-theirs">
              {t('designer.conflict.loadTheirs')}
            </Button>
            <Button color="red" loading={busy === 'mine'} disabled={busy !== null} onClick={() => run('mine', props.onKeepMine)} data-testid="conflict-keep-mine">
              {t('designer.conflict.keepMine')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
