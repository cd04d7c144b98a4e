import { Alert, Button, Center, Fieldset, Group, Paper, PasswordInput, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NOTICE_KEY } from '../auth/notice.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { browserTimeZone, TimeZoneSelect } from '../layout/TimeZoneSelect.tsx';
import { fieldError } from '../settings/errors.ts';
import { errorText, useTRPC } from '../trpc.ts';
import { TimeOfDayInput } from '../components/TimeOfDayInput.tsx';

type Form = {
  workspaceName: string;
  timezone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
  adminPasswordAgain: string;
};

const EMAIL = /^\S+@\S+\.\S+$/;

function domainCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { domain?: { domainCode?: string } | null } | undefined)?.domain?.domainCode : undefined;
}

/** What is missing or wrong before the form is sent, field by field. */
function localProblems(form: Form, t: (key: string) => string): Partial<Record<keyof Form, string>> {
  const problems: Partial<Record<keyof Form, string>> = {};
  for (const field of ['workspaceName', 'adminName'] as const) if (form[field].trim() === '') problems[field] = t('setup.required');
  if (!EMAIL.test(form.adminEmail.trim())) problems.adminEmail = t('setup.invalidEmail');
  if (form.adminPassword === '') problems.adminPassword = t('setup.required');
  else if (form.adminPassword !== form.adminPasswordAgain) problems.adminPasswordAgain = t('setup.passwordsDiffer');
  return problems;
}

/**
 * The first page of an empty install: the brand, its zone and quiet hours, and the first admin. On
 * success the admin is signed in; if someone else set the install up a moment earlier, this says so and
 * goes to the sign-in page.
 */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>({
    workspaceName: '',
    timezone: browserTimeZone(),
    quiet: true,
    quietStart: '21:00',
    quietEnd: '09:00',
    adminName: '',
    adminEmail: '',
    adminPassword: '',
    adminPasswordAgain: '',
  });
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.setup.create.mutationOptions({
      onSuccess: async () => {
        // The install is set up and this browser signed in: say so before leaving, or the setup gate
        // would send it back here.
        // Nothing read before signing in is kept (it would be read as this person's), and the browser
        // goes home once: waiting here for every query to refetch let the gate navigate first and this
        // navigation follow it seconds later.
        queryClient.removeQueries();
        queryClient.setQueryData(trpc.setup.status.queryKey(), { needsSetup: false });
        await navigate('/', { replace: true });
      },
      onError: async (error) => {
        if (domainCode(error) !== 'setup.done') return;
        notifications.show({ color: 'blue', message: t('setup.alreadyDone'), autoClose: 8000 });
        // The setup gate takes the browser home and from there to sign-in, which shows the notice.
        sessionStorage.setItem(NOTICE_KEY, 'setup-done');
        queryClient.setQueryData(trpc.setup.status.queryKey(), { needsSetup: false });
      },
    }),
  );
  const local = touched ? localProblems(form, t) : {};
  const server = fieldError(create.error);
  const errorFor = (field: keyof Form): string | undefined => {
    if (local[field]) return local[field];
    if (server?.field !== field) return undefined;
    return server.message === null ? errorText(create.error, lang) : server.message;
  };
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={560} maw="100%">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (Object.keys(localProblems(form, t)).length > 0) return;
            create.mutate({
              workspaceName: form.workspaceName,
              timezone: form.timezone,
              quietStart: form.quiet ? form.quietStart : null,
              quietEnd: form.quiet ? form.quietEnd : null,
              adminName: form.adminName,
              adminEmail: form.adminEmail.trim(),
              adminPassword: form.adminPassword,
            });
          }}
        >
          <Stack>
            <Group justify="space-between" align="flex-start">
              <Title order={2}>{t('setup.title')}</Title>
              <LanguageSwitch />
            </Group>
            <Text size="sm" c="dimmed">
              {t('setup.intro')}
            </Text>
            <Fieldset legend={t('setup.brand')}>
              <Stack gap="sm">
                <TextInput
                  label={t('setup.workspaceName')}
                  placeholder={t('setup.workspacePlaceholder')}
                  value={form.workspaceName}
                  onChange={(e) => set('workspaceName', e.currentTarget.value)}
                  error={errorFor('workspaceName')}
                  required
                  autoFocus
                  maxLength={100}
                />
                <TimeZoneSelect label={t('setup.timezone')} value={form.timezone} onChange={(zone) => set('timezone', zone)} describe={(now) => t('setup.timezoneHelp', { now })} error={errorFor('timezone')} testId="setup-timezone" />
                <Switch label={t('setup.quietOn')} description={t('setup.quietHelp')} checked={form.quiet} onChange={(e) => set('quiet', e.currentTarget.checked)} />
                {form.quiet && (
                  <Group grow align="flex-start">
                    <TimeOfDayInput label={t('setup.quietStart')} value={form.quietStart} onChange={(v) => set('quietStart', v)} error={errorFor('quietStart')} required />
                    <TimeOfDayInput label={t('setup.quietEnd')} value={form.quietEnd} onChange={(v) => set('quietEnd', v)} error={errorFor('quietEnd')} required />
                  </Group>
                )}
              </Stack>
            </Fieldset>
            <Fieldset legend={t('setup.owner')}>
              <Stack gap="sm">
                <TextInput label={t('setup.adminName')} value={form.adminName} onChange={(e) => set('adminName', e.currentTarget.value)} error={errorFor('adminName')} required maxLength={100} autoComplete="name" />
                <TextInput label={t('setup.adminEmail')} type="email" value={form.adminEmail} onChange={(e) => set('adminEmail', e.currentTarget.value)} error={errorFor('adminEmail')} required autoComplete="username" />
                <PasswordInput
                  label={t('setup.adminPassword')}
                  description={t('setup.passwordRules')}
                  value={form.adminPassword}
                  onChange={(e) => set('adminPassword', e.currentTarget.value)}
                  error={errorFor('adminPassword')}
                  required
                  autoComplete="new-password"
                />
                <PasswordInput
                  label={t('setup.adminPasswordAgain')}
                  value={form.adminPasswordAgain}
                  onChange={(e) => set('adminPasswordAgain', e.currentTarget.value)}
                  error={errorFor('adminPasswordAgain')}
                  required
                  autoComplete="new-password"
                />
              </Stack>
            </Fieldset>
            {create.isError && domainCode(create.error) !== 'setup.done' && (
              <Alert color="red" role="alert">
                {server ? t('setup.fixFields') : errorText(create.error, lang)}
              </Alert>
            )}
            <Button type="submit" loading={create.isPending}>
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
