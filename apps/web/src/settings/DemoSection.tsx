import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';

/** Shown to admins of the demo workspace only: empties it so the brand can make it its own. */
export function DemoSection({ workspaceName }: { workspaceName: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation(
    trpc.workspace.removeDemo.mutationOptions({
      onSuccess: async (removed) => {
        setOpen(false);
        notifications.show({ color: 'teal', autoClose: 15_000, message: t('settings.demo.done', removed) });
        await queryClient.invalidateQueries();
      },
    }),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="demo-title" style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
      <Stack gap="sm">
        <Title order={3} id="demo-title">
          {t('settings.demo.title')}
        </Title>
        <Text size="sm">{t('settings.demo.intro')}</Text>
        <Group>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)}>
            {t('settings.demo.remove')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('settings.demo.confirmTitle')}>
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            remove.mutate({ confirmName: typed });
          }}
        >
          <Stack gap="sm">
            <Alert color="red">{t('settings.demo.confirmText')}</Alert>
            <TextInput label={t('settings.demo.typeName', { name: workspaceName })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
            {remove.error && <Alert color="red">{errorText(remove.error, i18n.language)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={typed.trim() !== workspaceName} loading={remove.isPending}>
                {t('settings.demo.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
