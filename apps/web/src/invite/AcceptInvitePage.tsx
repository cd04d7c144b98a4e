import { Alert, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { fieldError } from '../settings/errors.ts';
import { errorText, useTRPC } from '../trpc.ts';

/**
 * Where an invitation link leads: who invites whom to which workspace, then a name and a password (or
 * the password of the account the invitee already has). A link that no longer works says why.
 */
export function AcceptInvitePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const lookup = useQuery(trpc.invitations.lookup.queryOptions({ token }, { retry: false }));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        await navigate('/', { replace: true });
      },
    }),
  );

  const invitation = lookup.data;
  const valid = invitation?.status === 'valid' ? invitation : null;
  const existing = valid?.existingAccount ?? false;
  const problems: Record<string, string | undefined> = touched
    ? {
        name: !existing && name.trim() === '' ? t('invite.required') : undefined,
        password: password === '' ? t('invite.required') : undefined,
        again: !existing && password !== '' && password !== again ? t('invite.passwordsDiffer') : undefined,
      }
    : {};
  const server = fieldError(accept.error);
  const errorFor = (field: 'name' | 'password' | 'again') => problems[field] ?? (server?.field === field ? (server.message ?? errorText(accept.error, lang)) : undefined);

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="100%">
        <Stack>
          {lookup.isPending && (
            <Stack align="center">
              <Loader />
              <Text size="sm">{t('invite.checking')}</Text>
            </Stack>
          )}
          {(lookup.isError || (invitation && invitation.status !== 'valid')) && (
            <>
              <Alert color="orange" role="alert" data-testid="invite-closed">
                {lookup.isError ? t('invite.unknown') : t(`invite.${invitation!.status}`)}
              </Alert>
              <Button component={Link} to="/login" variant="light">
                {t('invite.toSignIn')}
              </Button>
            </>
          )}
          {valid && (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                setTouched(true);
                if ((!existing && (name.trim() === '' || password !== again)) || password === '') return;
                accept.mutate({ token, password, ...(existing ? {} : { name }) });
              }}
            >
              <Stack>
                <Title order={2}>{t('invite.title', { workspace: valid.workspaceName })}</Title>
                <Text size="sm" c="dimmed">
                  {valid.invitedBy
                    ? t('invite.intro', { inviter: valid.invitedBy, email: valid.email, role: t(`roles.${valid.role}`) })
                    : t('invite.introNoInviter', { email: valid.email, role: t(`roles.${valid.role}`) })}
                </Text>
                {existing ? (
                  <>
                    <Alert color="blue">{t('invite.existing')}</Alert>
                    <PasswordInput label={t('invite.existingPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errorFor('password')} autoComplete="current-password" autoFocus />
                  </>
                ) : (
                  <>
                    <TextInput label={t('invite.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errorFor('name')} maxLength={100} autoComplete="name" autoFocus />
                    <PasswordInput
                      label={t('invite.password')}
                      description={t('invite.passwordRules')}
                      value={password}
                      onChange={(e) => setPassword(e.currentTarget.value)}
                      error={errorFor('password')}
                      autoComplete="new-password"
                    />
                    <PasswordInput label={t('invite.passwordAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} error={errorFor('again')} autoComplete="new-password" />
                  </>
                )}
                {accept.error && !server && (
                  <Alert color="red" role="alert">
                    {errorText(accept.error, lang)}
                  </Alert>
                )}
                <Button type="submit" loading={accept.isPending}>
                  {t('invite.submit')}
                </Button>
              </Stack>
            </form>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  );
}
