import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../../trpc.ts';
import { notify } from './notify.ts';

/** Pause (live) or Resume (paused), each after a confirmation that says what happens to customers inside. */
export function LifecycleButton({ journeyId, status }: { journeyId: string; status: 'draft' | 'live' | 'paused' | 'archived' }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const action = status === 'live' ? 'pause' : 'resume';
  const options = {
    onSuccess: async () => {
      setConfirming(false);
      notify({ color: action === 'pause' ? 'yellow' : 'teal', message: t(action === 'pause' ? 'designer.lifecycle.paused' : 'designer.lifecycle.resumed') });
      await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) }), queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() })]);
    },
    onError: (err: unknown) => notify({ color: 'red', message: t('designer.lifecycle.failed', { error: errorText(err, i18n.language) }) }),
  };
  const pause = useMutation(trpc.journeys.pause.mutationOptions(options));
  const resume = useMutation(trpc.journeys.resume.mutationOptions(options));
  if (status !== 'live' && status !== 'paused') return null;
  const mutation = action === 'pause' ? pause : resume;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={action === 'pause' ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
        onClick={() => setConfirming(true)}
        data-testid={`${action}-button`}
      >
        {t(`designer.actions.${action}`)}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t(`designer.lifecycle.${action}Title`)}>
        <Stack>
          <Text size="sm">{t(`designer.lifecycle.${action}Body`)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color={action === 'pause' ? 'yellow' : 'teal'} loading={mutation.isPending} onClick={() => mutation.mutate({ id: journeyId })} data-autofocus data-testid={`${action}-confirm`}>
              {t(`designer.lifecycle.${action}Confirm`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
