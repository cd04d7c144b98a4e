import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { errorText, useTRPC } from '../trpc.ts';
import { clearSignInNotice, signInNotice } from './notice.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const hints = useQuery(trpc.auth.signInHints.queryOptions());
  const [setupDone] = useState(() => signInNotice() === 'setup-done');
  useEffect(clearSignInNotice, []);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        const from = (location.state as { from?: string } | null)?.from;
        await navigate(from && from !== '/login' ? from : '/', { replace: true });
      },
    }),
  );
  const emailError = touched && !/^\S+@\S+\.\S+$/.test(email) ? t('auth.invalidEmail') : null;
  const passwordError = touched && password === '' ? t('auth.passwordRequired') : null;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (/^\S+@\S+\.\S+$/.test(email) && password !== '') login.mutate({ email, password });
          }}
        >
          <Stack>
            <div>
              <Title order={2}>{t('auth.title')}</Title>
              <Text c="dimmed" size="sm">
                {t('app.tagline')}
              </Text>
            </div>
            {setupDone && !login.isError && (
              <Alert color="blue" role="status">
                {t('auth.setupDone')}
              </Alert>
            )}
            {login.isError && (
              <Alert color="red" role="alert">
                {errorText(login.error, i18n.language)}
              </Alert>
            )}
            <TextInput label={t('auth.email')} type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={emailError} />
            <PasswordInput label={t('auth.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={passwordError} />
            <Button type="submit" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
            {hints.data?.demo && (
              <Text c="dimmed" size="xs">
                {t('auth.demoHint')}
              </Text>
            )}
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
