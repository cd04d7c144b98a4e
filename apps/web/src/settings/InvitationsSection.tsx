import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, Loader, Modal, Paper, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconMailPlus, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { formatInZone } from '../layout/time.ts';
import { fieldError } from './errors.ts';

type Role = 'admin' | 'ops' | 'sales';
type Created = { email: string; role: Role; expiresAt: string; link: string; mail: { status: 'sent' | 'off' } | { status: 'failed'; reason: string } };


function InviteDialog({ initialEmail, onClose, timeZone }: { initialEmail: string; onClose: () => void; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(initialEmail);
  const [role, setRole] = useState<Role>('sales');
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async ({ invitation, token, email: mail }) => {
        setCreated({ email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, link: `${window.location.origin}/invite/${token}`, mail });
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );
  const wrong = fieldError(create.error);
  const roles = (['sales', 'ops', 'admin'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Modal opened onClose={onClose} title={t('settings.invitations.dialogTitle')}>
      {created ? (
        <Stack gap="sm" data-testid="invite-link">
          <Text fw={500}>{t('settings.invitations.linkTitle', { email: created.email })}</Text>
          <Code block data-testid="invite-url" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {created.link}
          </Code>
          {created.mail.status === 'sent' && <Alert color="teal">{t('settings.invitations.mailed', { email: created.email })}</Alert>}
          {created.mail.status === 'failed' && <Alert color="orange">{t('settings.invitations.mailFailed', { reason: created.mail.reason })}</Alert>}
          <Alert color="yellow">{t('settings.invitations.linkHelp', { email: created.email, role: t(`roles.${created.role}`), until: formatInZone(created.expiresAt, lang, timeZone) })}</Alert>
          <Group justify="flex-end">
            <CopyButton value={created.link}>
              {({ copied, copy }) => (
                <Button variant="light" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                  {copied ? t('settings.invitations.copied') : t('settings.invitations.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('settings.invitations.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ email: email.trim(), role });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('settings.invitations.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              data-autofocus
              error={wrong?.field === 'email' ? (wrong.message === null ? errorText(create.error, lang) : t('auth.invalidEmail')) : undefined}
            />
            <Select label={t('settings.invitations.role')} data={roles} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} />
            {create.error && !wrong && <Alert color="red">{errorText(create.error, lang)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('settings.invitations.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Open invitations of the workspace (admins): invite, copy the link, withdraw, invite again when one expired. */
export function InvitationsSection({ timeZone }: { timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.invitations.list.queryOptions());
  const [inviting, setInviting] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invitations-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="invitations-title">
            {t('settings.invitations.title')}
          </Title>
          <Button leftSection={<IconMailPlus size={16} />} onClick={() => setInviting('')}>
            {t('settings.invitations.invite')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.invitations.intro')}
        </Text>
        {list.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {list.isError && <Alert color="red">{errorText(list.error, lang)}</Alert>}
        {revoke.error && <Alert color="red">{errorText(revoke.error, lang)}</Alert>}
        {list.data?.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="invitations-empty">
            {t('settings.invitations.empty')}
          </Text>
        )}
        {list.data && list.data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="invitations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.invitations.columns.email')}</Table.Th>
                  <Table.Th>{t('settings.invitations.columns.role')}</Table.Th>
                  <Table.Th>{t('settings.invitations.columns.invitedBy')}</Table.Th>
                  <Table.Th>{t('settings.invitations.columns.expires')}</Table.Th>
                  <Table.Th aria-label={t('settings.team.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((inv) => (
                  <Table.Tr key={inv.id} data-testid="invitation-row" data-email={inv.email}>
                    <Table.Td>{inv.email}</Table.Td>
                    <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                    <Table.Td>{inv.invitedBy ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{formatInZone(inv.expiresAt, lang, timeZone)}</Text>
                        <Badge size="sm" color={inv.status === 'expired' ? 'gray' : 'blue'} variant="light">
                          {t(`settings.invitations.${inv.status}`)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {inv.status === 'expired' && (
                          <Tooltip label={t('settings.invitations.reinvite')}>
                            <ActionIcon variant="subtle" aria-label={t('settings.invitations.reinvite')} onClick={() => setInviting(inv.email)}>
                              <IconRefresh size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                        <Tooltip label={t('settings.invitations.revoke')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`${t('settings.invitations.revoke')} ${inv.email}`}
                            loading={revoke.isPending && revoke.variables?.invitationId === inv.id}
                            onClick={() =>
                              revoke.mutate(
                                { invitationId: inv.id },
                                { onSuccess: () => notifications.show({ color: 'teal', message: t('settings.invitations.revoked', { email: inv.email }) }) },
                              )
                            }
                          >
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {inviting !== null && <InviteDialog initialEmail={inviting} onClose={() => setInviting(null)} timeZone={timeZone} />}
    </Paper>
  );
}
