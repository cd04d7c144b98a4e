import { Alert, Button, Code, CopyButton, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';
import { generatePassword } from './secrets.ts';

export type Role = 'admin' | 'ops' | 'sales';
export type TeamUser = { id: string; name: string; email: string; role: Role; active: boolean };

/** A password field with a "generate" button: admins may type one or let the browser make one. */
function NewPasswordInput({ value, onChange, error, label }: { value: string; onChange: (v: string) => void; error?: string | undefined; label: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <PasswordInput
        style={{ flex: 1 }}
        label={label}
        description={t('settings.team.passwordHelp')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        autoComplete="new-password"
        required
        minLength={10}
      />
      <Button variant="default" onClick={() => onChange(generatePassword())}>
        {t('settings.team.generate')}
      </Button>
    </Group>
  );
}

/** The sign-in details, shown once after a user is created or their password reset. */
function Credentials({ name, email, password, onDone }: { name: string; email: string; password: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="user-credentials">
      <Text fw={500}>{t('settings.team.shareTitle', { name })}</Text>
      <Alert color="yellow">{t('settings.team.shareWarning')}</Alert>
      <Text size="sm">
        {t('settings.team.email')}: <Code>{email}</Code>
      </Text>
      <Group gap="xs">
        <Text size="sm">{t('settings.team.password')}:</Text>
        <Code data-testid="user-password">{password}</Code>
        <CopyButton value={`${email}\n${password}`}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
              {copied ? t('settings.team.copied') : t('settings.team.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          {t('settings.team.done')}
        </Button>
      </Group>
    </Stack>
  );
}

function useRefreshUsers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
}

export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const refresh = useRefreshUsers();
  const [form, setForm] = useState({ name: '', email: '', role: 'sales' as Role, password: generatePassword() });
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: () => refresh() }));
  const wrong = fieldError(create.error);
  const errorFor = (field: string) => (wrong?.field === field ? (wrong.message ?? errorText(create.error, lang)) : undefined);
  return (
    <Modal opened onClose={onClose} title={t('settings.team.add')} data-testid="add-user-dialog">
      {create.data ? (
        <Credentials name={create.data.name} email={create.data.email} password={form.password} onDone={onClose} />
      ) : (
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(form);
          }}
        >
          <Stack gap="sm">
            <TextInput label={t('settings.team.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errorFor('name')} required data-autofocus />
            <TextInput type="email" label={t('settings.team.email')} value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={errorFor('email')} required />
            <Select
              label={t('settings.team.role')}
              data={(['sales', 'ops', 'admin'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={form.role}
              onChange={(v) => v && setForm({ ...form, role: v as Role })}
              allowDeselect={false}
              error={errorFor('role')}
            />
            <NewPasswordInput label={t('settings.team.password')} value={form.password} onChange={(password) => setForm({ ...form, password })} error={errorFor('password')} />
            {create.error && !wrong && <Alert color="red">{errorText(create.error, lang)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('settings.team.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('settings.team.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: TeamUser; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const [password, setPassword] = useState(generatePassword());
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const wrong = fieldError(reset.error);
  return (
    <Modal opened onClose={onClose} title={t('settings.team.resetTitle', { name: user.name })}>
      {reset.data ? (
        <Stack gap="sm">
          <Alert color="teal">{t('settings.team.resetDone', { name: user.name })}</Alert>
          <Credentials name={user.name} email={user.email} password={password} onDone={onClose} />
        </Stack>
      ) : (
        <form noValidate
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate({ userId: user.id, password });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('settings.team.resetHelp')}</Text>
            <NewPasswordInput label={t('settings.team.password')} value={password} onChange={setPassword} error={wrong?.field === 'password' ? (wrong.message ?? errorText(reset.error, lang)) : undefined} />
            {reset.error && wrong?.field !== 'password' && <Alert color="red">{errorText(reset.error, lang)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('settings.team.cancel')}
              </Button>
              <Button type="submit" loading={reset.isPending}>
                {t('settings.team.resetSave')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Deactivate or reactivate, after a confirmation; the API's refusal (e.g. deactivating yourself) shows here. */
export function ActivationDialog({ user, onClose, onDone }: { user: TeamUser; onClose: () => void; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const refresh = useRefreshUsers();
  const deactivating = user.active;
  const options = {
    onSuccess: async () => {
      await refresh();
      onDone(t(deactivating ? 'settings.team.deactivated' : 'settings.team.reactivated', { name: user.name }));
    },
  };
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions(options));
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions(options));
  const action = deactivating ? deactivate : reactivate;
  return (
    <Modal opened onClose={onClose} title={t(deactivating ? 'settings.team.deactivateTitle' : 'settings.team.reactivateTitle', { name: user.name })} data-testid="activation-dialog">
      <Stack gap="sm">
        <Text size="sm">{t(deactivating ? 'settings.team.deactivateBody' : 'settings.team.reactivateBody', { name: user.name })}</Text>
        {action.error && (
          <Alert color="red" data-testid="activation-error">
            {errorText(action.error, lang)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('settings.team.cancel')}
          </Button>
          <Button color={deactivating ? 'red' : 'teal'} loading={action.isPending} onClick={() => action.mutate({ userId: user.id })}>
            {t(deactivating ? 'settings.team.deactivate' : 'settings.team.reactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
