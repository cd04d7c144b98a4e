import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Loader, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { formatDateTime } from '../layout/clock.ts';
import { fieldError } from './errors.ts';

type Key = { id: string; name: string; prefix: string };

function useRefreshKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
}

/** Names the key, then shows the clear key exactly once: the server keeps only its hash. */
function CreateKeyDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const refresh = useRefreshKeys();
  const [name, setName] = useState('');
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: () => refresh() }));
  const wrong = fieldError(create.error);
  const made = create.data;
  return (
    // Once the key is shown, only the explicit button closes the dialog, so it is not lost by a stray click or Esc.
    <Modal opened onClose={onClose} title={made ? t('settings.apiKeys.newTitle') : t('settings.apiKeys.create')} closeOnClickOutside={!made} closeOnEscape={!made} withCloseButton={!made} data-testid="api-key-dialog">
      {made ? (
        <Stack gap="sm">
          <Alert color="yellow" data-testid="api-key-warning">
            {t('settings.apiKeys.newWarning')}
          </Alert>
          <Code block data-testid="api-key-value" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {made.key}
          </Code>
          <Group justify="space-between">
            <CopyButton value={made.key}>
              {({ copied, copy }) => (
                <Button variant="light" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy} color={copied ? 'teal' : undefined}>
                  {copied ? t('settings.apiKeys.copied') : t('settings.apiKeys.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('settings.apiKeys.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('settings.apiKeys.name')}
              description={t('settings.apiKeys.nameHelp')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={wrong?.field === 'name' ? (wrong.message ?? errorText(create.error, lang)) : undefined}
              required
              maxLength={100}
              data-autofocus
            />
            {create.error && wrong?.field !== 'name' && <Alert color="red">{errorText(create.error, lang)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('settings.apiKeys.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('settings.apiKeys.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: Key; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshKeys();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.apiKeys.revoked', { name: apiKey.name }) });
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t('settings.apiKeys.revokeTitle', { name: apiKey.name })} data-testid="revoke-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('settings.apiKeys.revokeBody')}</Text>
        <Code>{apiKey.prefix}…</Code>
        {revoke.error && <Alert color="red">{errorText(revoke.error, i18n.language)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('settings.apiKeys.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate({ id: apiKey.id })}>
            {t('settings.apiKeys.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const snippet = (origin: string) =>
  `curl -X POST ${origin}/api/v1/events \\
  -H 'Authorization: Bearer <key>' \\
  -H 'Content-Type: application/json' \\
  -d '{"kind":"purchase","customer":{"phone":"13800000000"},"payload":{"amount":99,"product":"…"}}'`;

/** The workspace's API keys for /api/v1 (admins): list, create (the key shown once), revoke, and how to use one. */
export function ApiKeysSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const when = (iso: string) => formatDateTime(iso, lang);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="api-keys-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="api-keys-title">
            {t('settings.apiKeys.title')}
          </Title>
          <Button leftSection={<IconKey size={16} />} onClick={() => setCreating(true)}>
            {t('settings.apiKeys.create')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.apiKeys.intro')}
        </Text>
        {keys.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {keys.isError && <Alert color="red">{errorText(keys.error, lang)}</Alert>}
        {keys.data && keys.data.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="api-keys-empty">
            {t('settings.apiKeys.empty')}
          </Text>
        )}
        {keys.data && keys.data.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.apiKeys.name')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.prefix')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.created')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.lastUsed')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.map((k) => (
                  <Table.Tr key={k.id} data-testid="api-key-row" data-name={k.name}>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{when(k.createdAt)}</Table.Td>
                    <Table.Td>{k.lastUsedAt ? when(k.lastUsedAt) : t('settings.apiKeys.never')}</Table.Td>
                    <Table.Td>
                      {k.revokedAt ? (
                        <Badge color="gray" variant="light">
                          {t('settings.apiKeys.revokedAt', { when: when(k.revokedAt) })}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('settings.apiKeys.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!k.revokedAt && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)}>
                          {t('settings.apiKeys.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Title order={4} mt="sm">
          {t('settings.apiKeys.howTitle')}
        </Title>
        <Text size="sm">
          {t('settings.apiKeys.howBody')}{' '}
          <Anchor href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
            /api/v1/openapi.json
          </Anchor>
        </Text>
        <Code block data-testid="api-key-snippet">
          {snippet(window.location.origin)}
        </Code>
      </Stack>
      {creating && <CreateKeyDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} />}
    </Paper>
  );
}
