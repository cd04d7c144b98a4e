import { ActionIcon, Alert, Badge, Button, Group, Loader, Menu, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconUserOff, IconUserPlus, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import type { Role, TeamUser } from './TeamDialogs.tsx';
import { ActivationDialog, AddUserDialog, ResetPasswordDialog } from './TeamDialogs.tsx';

const ROLE_COLOR = { admin: 'grape', ops: 'blue', sales: 'teal' } as const;
type Dialog = { kind: 'add' } | { kind: 'reset'; user: TeamUser } | { kind: 'activation'; user: TeamUser } | null;

/** The workspace's users: admins add them, change roles, reset passwords and (de)activate; ops managers read the list. */
export function TeamSection({ canEdit, meId }: { canEdit: boolean; meId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions({ limit: 200 }));
  const [dialog, setDialog] = useState<Dialog>(null);
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: async (user) => {
        notifications.show({ color: 'teal', message: t('settings.team.roleChanged', { name: user.name, role: t(`roles.${user.role}`) }) });
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const roles = (['sales', 'ops', 'admin'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const setWecomId = useMutation(
    trpc.users.setWecomUserId.mutationOptions({
      onSuccess: async (user) => {
        notifications.show({
          color: 'teal',
          message: t(user.assignedCustomers > 0 ? 'settings.team.wecomIdAssigned' : user.wecomUserId ? 'settings.team.wecomIdSaved' : 'settings.team.wecomIdCleared', { name: user.name, count: user.assignedCustomers }),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );

  // Below the sm breakpoint each member is a card: name and email on top, the role and WeCom fields under them.
  type Member = NonNullable<typeof users.data>['items'][number];
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  // One member's pieces, laid out as a table row on a wide screen and as a stacked card on a phone.
  const nameOf = (user: Member) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={user.active ? undefined : 'dimmed'} truncate style={{ minWidth: 0 }} data-testid="team-name">
        {user.name}
      </Text>
      {user.id === meId && (
        <Badge size="xs" variant="outline">
          {t('settings.team.you')}
        </Badge>
      )}
    </Group>
  );
  const roleOf = (user: Member, phone = false) =>
    canEdit ? (
      <Select
        size="xs"
        w={phone ? '100%' : 150}
        aria-label={t('settings.team.roleOf', { name: user.name })}
        data={roles}
        value={user.role}
        allowDeselect={false}
        onChange={(role) => role && role !== user.role && setRole.mutate({ userId: user.id, role: role as Role })}
      />
    ) : (
      <Badge color={ROLE_COLOR[user.role]} variant="light">
        {t(`roles.${user.role}`)}
      </Badge>
    );
  const wecomOf = (user: Member, phone = false) =>
    canEdit ? (
      <WecomIdInput
        key={user.wecomUserId ?? ''}
        value={user.wecomUserId}
        label={t('settings.team.wecomIdOf', { name: user.name })}
        placeholder={t('settings.team.wecomIdPlaceholder')}
        onSave={(wecomUserId) => setWecomId.mutate({ userId: user.id, wecomUserId })}
        w={phone ? '100%' : 160}
      />
    ) : (
      <Text size="sm" c={user.wecomUserId ? undefined : 'dimmed'}>
        {user.wecomUserId ?? t('settings.team.wecomIdPlaceholder')}
      </Text>
    );
  const statusOf = (user: Member) => (
    <Badge color={user.active ? 'teal' : 'gray'} variant="light">
      {user.active ? t('settings.team.active') : t('settings.team.inactive')}
    </Badge>
  );
  const menuOf = (user: Member) => (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('settings.team.moreFor', { name: user.name })}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setDialog({ kind: 'reset', user })}>
          {t('settings.team.resetPassword')}
        </Menu.Item>
        <Menu.Item
          color={user.active ? 'red' : undefined}
          leftSection={user.active ? <IconUserOff size={14} /> : <IconUserCheck size={14} />}
          onClick={() => setDialog({ kind: 'activation', user })}
        >
          {user.active ? t('settings.team.deactivate') : t('settings.team.reactivate')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="team-title">
            {t('settings.team.title')}
          </Title>
          {canEdit && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
              {t('settings.team.add')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.team.intro')}
        </Text>
        {!canEdit && <Alert color="gray">{t('settings.team.readOnly')}</Alert>}
        {setWecomId.error && (
          <Alert color="red" withCloseButton onClose={() => setWecomId.reset()} data-testid="wecom-id-error">
            {errorText(setWecomId.error, lang)}
          </Alert>
        )}
        {setRole.error && (
          <Alert color="red" withCloseButton onClose={() => setRole.reset()} data-testid="role-error">
            {errorText(setRole.error, lang)}
          </Alert>
        )}
        {users.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {users.isError && <Alert color="red">{errorText(users.error, lang)}</Alert>}
        {users.data && users.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('settings.team.empty')}
          </Text>
        )}
        {users.data && users.data.items.length > 0 && phone && (
          <Stack gap="xs" data-testid="team-list">
            {users.data.items.map((user) => (
              <Paper key={user.id} withBorder p="xs" data-testid="team-row" data-email={user.email}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      {nameOf(user)}
                      <Text size="xs" c="dimmed" truncate>
                        {user.email}
                      </Text>
                    </div>
                    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                      {statusOf(user)}
                      {canEdit && menuOf(user)}
                    </Group>
                  </Group>
                  {canEdit ? (
                    <Group gap="xs" wrap="nowrap" grow>
                      {roleOf(user, true)}
                      {wecomOf(user, true)}
                    </Group>
                  ) : (
                    <Group gap="xs">
                      {roleOf(user)}
                      {wecomOf(user)}
                    </Group>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
        {users.data && users.data.items.length > 0 && !phone && (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="team-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.team.name')}</Table.Th>
                  <Table.Th>{t('settings.team.email')}</Table.Th>
                  <Table.Th>{t('settings.team.role')}</Table.Th>
                  <Table.Th title={t('settings.team.wecomIdHelp')}>{t('settings.team.wecomId')}</Table.Th>
                  <Table.Th>{t('settings.team.status')}</Table.Th>
                  {canEdit && <Table.Th>{t('settings.team.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id} data-testid="team-row" data-email={user.email}>
                    <Table.Td>{nameOf(user)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{user.email}</Text>
                    </Table.Td>
                    <Table.Td>{roleOf(user)}</Table.Td>
                    <Table.Td>{wecomOf(user)}</Table.Td>
                    <Table.Td>{statusOf(user)}</Table.Td>
                    {canEdit && <Table.Td>{menuOf(user)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {dialog?.kind === 'add' && <AddUserDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'activation' && (
        <ActivationDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            notifications.show({ color: 'teal', message });
            setDialog(null);
          }}
        />
      )}
    </Paper>
  );
}

/** The member's WeCom account, saved when the field is left (or on Enter) if it changed. */
function WecomIdInput({ value, label, placeholder, onSave, w = 160 }: { value: string | null; label: string; placeholder: string; onSave: (id: string | null) => void; w?: number | string }) {
  const [draft, setDraft] = useState(value ?? '');
  const commit = () => {
    const next = draft.trim() === '' ? null : draft.trim();
    if (next !== value) onSave(next);
  };
  return (
    <TextInput
      size="xs"
      w={w}
      aria-label={label}
      placeholder={placeholder}
      value={draft}
      spellCheck={false}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(value ?? '');
      }}
      data-testid="wecom-id"
    />
  );
}
