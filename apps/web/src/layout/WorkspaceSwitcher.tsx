import { Alert, Badge, Button, Group, Menu, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { browserTimeZone, TimeZoneSelect } from './TimeZoneSelect.tsx';

/**
 * The current workspace in the header, and the others the person belongs to: picking one signs them in
 * there (every screen then shows that workspace only). Admins can start another workspace from here.
 */
export function WorkspaceSwitcher({ current, isAdmin }: { current: { name: string; isDemo: boolean }; isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const memberships = useQuery(trpc.workspaces.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [zone, setZone] = useState(browserTimeZone());
  const switchTo = useMutation(
    trpc.workspaces.switch.mutationOptions({
      onSuccess: async () => {
        // Nothing cached belongs to the new workspace.
        queryClient.clear();
        await navigate('/', { replace: true });
      },
    }),
  );
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: (created) => {
        setCreating(false);
        switchTo.mutate({ workspaceId: created.workspaceId });
      },
    }),
  );
  const others = memberships.data ?? [];
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('workspaces.switch')} data-testid="workspace-switcher">
            <Group gap={4} wrap="nowrap">
              <Text c="dimmed" size="sm" truncate maw={160}>
                {current.name}
              </Text>
              {current.isDemo && (
                <Badge color="orange" variant="light" size="sm" data-testid="demo-badge" title={t('common.demoHelp')}>
                  {t('common.demo')}
                </Badge>
              )}
              <IconSelector size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('workspaces.title')}</Menu.Label>
          {others.map((m) => (
            <Menu.Item
              key={m.workspaceId}
              leftSection={m.current ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
              disabled={m.current}
              onClick={() => switchTo.mutate({ workspaceId: m.workspaceId })}
              data-testid="workspace-option"
            >
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{m.name}</Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${m.role}`)}
                </Text>
              </Group>
            </Menu.Item>
          ))}
          {isAdmin && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
                {t('workspaces.new')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {switchTo.error && (
        <Text size="xs" c="red" role="alert">
          {errorText(switchTo.error, i18n.language)}
        </Text>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('workspaces.newTitle')}>
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, timezone: zone });
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('workspaces.newHelp')}
            </Text>
            <TextInput label={t('workspaces.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={100} data-autofocus />
            <TimeZoneSelect label={t('workspaces.timezone')} value={zone} onChange={setZone} />
            {create.error && <Alert color="red">{errorText(create.error, i18n.language)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreating(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || switchTo.isPending} disabled={name.trim() === ''}>
                {t('workspaces.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
