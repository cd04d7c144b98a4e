import { Alert, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBrandWechat } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { errorText, useTRPC } from '../trpc.ts';
import { clearSignInNotice, signInNotice } from './notice.ts';

/** The demo seed's password, the same for its every login (also printed by `pnpm start`). */
const DEMO_PASSWORD = 'sopline-demo';

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
  const wecom = useQuery(trpc.wecom.signInOptions.queryOptions());
  // Back from WeCom with a refusal: say why, in words (the server never shows an error page).
  const refused = new URLSearchParams(location.search).get('wecom');
  const from = (location.state as { from?: string } | null)?.from;
  const wecomHref = (workspaceId?: string) => `/api/wecom/signin?${new URLSearchParams({ next: from && from !== '/login' ? from : '/', ...(workspaceId ? { workspace: workspaceId } : {}) })}`;
  const wecomWorkspaces = wecom.data?.workspaces ?? [];
  const [setupDone] = useState(() => signInNotice() === 'setup-done');
  useEffect(clearSignInNotice, []);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        await navigate(from && from !== '/login' ? from : '/', { replace: true });
      },
    }),
  );
  const emailError = touched && !/^\S+@\S+\.\S+$/.test(email) ? t('auth.invalidEmail') : null;
  const passwordError = touched && password === '' ? t('auth.passwordRequired') : null;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form noValidate
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
            {refused && !login.isError && (
              <Alert color="orange" role="alert" data-testid="wecom-refused">
                {(t('auth.wecomRefused', { returnObjects: true }) as Record<string, string>)[refused] ?? t('auth.wecomRefused.wecom')}
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
            {wecomWorkspaces.length > 0 && (
              <>
                <Divider label={t('auth.or')} labelPosition="center" />
                {wecomWorkspaces.map((ws) => (
                  <Button key={ws.id} component="a" href={wecomHref(wecomWorkspaces.length > 1 ? ws.id : undefined)} variant="default" leftSection={<IconBrandWechat size={18} />} data-testid="wecom-signin">
                    {wecomWorkspaces.length > 1 ? t('auth.wecomTo', { name: ws.name }) : t('auth.wecom')}
                  </Button>
                ))}
              </>
            )}
            {hints.data?.demo && (
              <Stack gap={6} data-testid="demo-logins">
                <Text c="dimmed" size="xs">
                  {t('auth.demoHint')}
                </Text>
                {/* One per role: a click fills the form, so a visitor can try the rep's inbox as well as the designer. */}
                <Group gap={6}>
                  {hints.data.demoLogins.map((d) => (
                    <Button
                      key={d.email}
                      size="compact-xs"
                      variant="light"
                      color="gray"
                      title={d.email}
                      onClick={() => {
                        setEmail(d.email);
                        setPassword(DEMO_PASSWORD);
                      }}
                    >
                      {t('auth.demoAs', { role: t(`roles.${d.role}`), name: d.name })}
                    </Button>
                  ))}
                </Group>
              </Stack>
            )}
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
