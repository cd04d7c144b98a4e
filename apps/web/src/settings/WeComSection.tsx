import { Alert, Badge, Button, Code, CopyButton, Group, List, Loader, Paper, PasswordInput, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCloudDownload, IconCopy, IconPlugConnected, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceTime } from '../layout/time.ts';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';
import { CallbackWarning, CopyValue, SavedSecret, TechnicalDetail } from './WeComFields.tsx';

type Field = 'corpId' | 'contactSecret' | 'agentId' | 'agentSecret' | 'token' | 'encodingAesKey';
type Form = Record<Field, string>;
type Secret = 'contactSecret' | 'agentSecret';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, as WeCom's console generates for the token and the EncodingAESKey. */
function randomKey(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('');
}

/** The technical words behind a failed call to WeCom (a DomainError's details.detail), if any. */
function detailOf(error: unknown): string | null {
  const detail = (error as { data?: { domain?: { details?: { detail?: unknown } | null } } } | null)?.data?.domain?.details?.detail;
  return typeof detail === 'string' ? detail : null;
}

/**
 * Settings → WeCom (admins): the corp's ids and secrets, the callback URL to paste into WeCom's
 * console, and "test connection". The app secrets are write-only: the server says only that one is
 * saved and its last four characters, and "replace" asks for a new one. The callback token and
 * EncodingAESKey are shown in full with a copy button: the admin must paste them into WeCom's
 * console, which itself shows them (see weComStatus).
 */
export function WeComSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const when = useWorkspaceTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.wecom.status.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  const [missing, setMissing] = useState<Field | null>(null);
  const [replacing, setReplacing] = useState<Secret[]>([]);
  useEffect(() => {
    if (status.data && !form) {
      const d = status.data;
      setForm({ corpId: d.corpId ?? '', agentId: d.agentId ?? '', contactSecret: '', agentSecret: '', token: d.callback.token ?? '', encodingAesKey: d.callback.encodingAesKey ?? '' });
    }
  }, [status.data, form]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.wecom.status.queryKey() });
  const save = useMutation(
    trpc.wecom.configure.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.wecom.saved') });
        setForm((f) => f && { ...f, contactSecret: '', agentSecret: '' });
        setReplacing([]);
        await refresh();
      },
    }),
  );
  const test = useMutation(trpc.wecom.test.mutationOptions({ onSettled: () => refresh() }));

  const s = status.data;
  const wrong = fieldError(save.error);
  const errorFor = (field: Field) => (missing === field ? t('settings.wecom.required') : wrong?.field === field ? errorText(save.error, lang) : undefined);
  // Without a public URL configured, the address is this browser's view of the server.
  const callbackUrl = s?.callbackUrl ?? (s?.callbackPath ? `${window.location.origin}${s.callbackPath}` : null);
  const lastTest = test.data ?? s?.lastTest ?? null;

  const input = (field: Field, extra: { help?: string; secret?: boolean; generate?: number; optional?: boolean } = {}) => {
    const secret = field as Secret;
    const saved = extra.secret && s?.set[secret];
    if (saved && !replacing.includes(secret)) {
      return <SavedSecret label={t(`settings.wecom.${field}`)} description={extra.help} end={s.secretEnds[secret]} testId={`wecom-${field}`} onReplace={() => setReplacing((r) => [...r, secret])} />;
    }
    const props = {
      label: t(`settings.wecom.${field}`),
      description: extra.help,
      value: form?.[field] ?? '',
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
        const value = e.currentTarget.value;
        setForm((f) => f && { ...f, [field]: value });
        if (missing === field) setMissing(null);
      },
      placeholder: saved ? t('settings.wecom.newSecret') : extra.optional ? t('settings.wecom.optional') : undefined,
      autoFocus: Boolean(saved),
      error: errorFor(field),
      autoComplete: 'off',
      spellCheck: false,
      'data-testid': `wecom-${field}`,
      style: { flex: 1 },
    };
    if (saved) {
      // Replacing a saved secret: the new one, or back to the saved one.
      return (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <PasswordInput {...props} />
          <Button
            variant="subtle"
            onClick={() => {
              setReplacing((r) => r.filter((x) => x !== secret));
              setForm((f) => f && { ...f, [field]: '' });
            }}
          >
            {t('settings.wecom.keepSaved')}
          </Button>
        </Group>
      );
    }
    const box = extra.secret ? <PasswordInput {...props} /> : <TextInput {...props} styles={extra.generate ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined} />;
    if (!extra.generate) return box;
    const length = extra.generate;
    return (
      <Group align="flex-end" gap="xs" wrap="nowrap">
        {box}
        <CopyValue value={form?.[field] ?? ''} label={t(`settings.wecom.${field}`)} />
        <Button variant="default" onClick={() => setForm((f) => f && { ...f, [field]: randomKey(length) })}>
          {t('settings.wecom.generate')}
        </Button>
      </Group>
    );
  };

  const submit = () => {
    if (!form) return;
    // The form says what is missing before the server does.
    const first = !s?.configured;
    const need: Field[] = ['corpId', ...(first ? (['contactSecret', 'token', 'encodingAesKey'] as const) : [])];
    const empty = need.find((f) => form[f].trim() === '');
    if (empty) {
      setMissing(empty);
      return;
    }
    save.mutate({ ...form, agentId: form.agentId.trim() === '' ? null : form.agentId.trim() });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="wecom-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="wecom-title">
            {t('settings.wecom.title')}
          </Title>
          {s && (
            <Badge color={s.configured ? 'teal' : 'gray'} variant="light" data-testid="wecom-state">
              {s.configured ? t('settings.wecom.connected') : t('settings.wecom.notSet')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.wecom.intro')}
        </Text>
        {status.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {status.isError && <Alert color="red">{errorText(status.error, lang)}</Alert>}
        {s && !s.available && <Alert color="yellow">{t('settings.wecom.unavailable')}</Alert>}
        {form && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="md" maw={640}>
              {input('corpId', { help: t('settings.wecom.corpIdHelp') })}
              {input('contactSecret', { help: t('settings.wecom.contactSecretHelp'), secret: true })}
              <Group grow align="flex-start">
                {input('agentId', { help: t('settings.wecom.agentIdHelp'), optional: true })}
                {input('agentSecret', { secret: true, optional: true })}
              </Group>
              <Text size="sm" c="dimmed">
                {t('settings.wecom.callbackHelp')}
              </Text>
              {input('token', { generate: 32, help: s?.set.token ? t('settings.wecom.shownToAdmins') : undefined })}
              {input('encodingAesKey', { generate: 43 })}
              {save.error && !wrong && <Alert color="red">{errorText(save.error, lang)}</Alert>}
              <Group>
                <Button type="submit" loading={save.isPending} data-testid="wecom-save">
                  {t('settings.wecom.save')}
                </Button>
                {s?.configured && (
                  <Button variant="light" leftSection={<IconPlugConnected size={16} />} loading={test.isPending} onClick={() => test.mutate()} data-testid="wecom-test">
                    {t('settings.wecom.test')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
        {test.error && (
          <Alert color="red">
            {errorText(test.error, lang)}
            {detailOf(test.error) && <TechnicalDetail detail={detailOf(test.error)!} />}
          </Alert>
        )}
        {lastTest && (
          <Alert color={lastTest.ok ? 'teal' : 'red'} title={lastTest.ok ? t('settings.wecom.testOk') : t('settings.wecom.testFailed')} data-testid="wecom-test-result">
            {/* Keyed by the test: a new result starts with its details folded. */}
            <List key={lastTest.at} spacing={4} size="sm" icon={null} styles={{ itemWrapper: { alignItems: 'flex-start' }, itemIcon: { marginTop: 3 } }}>
              {lastTest.checks.map((c) => (
                <List.Item key={c.check} icon={c.ok ? <IconCheck size={14} color="var(--mantine-color-teal-7)" /> : <IconX size={14} color="var(--mantine-color-red-7)" />}>
                  <Text span size="sm" fw={500}>
                    {t(`settings.wecom.checks.${c.check}`)}
                  </Text>
                  {lang === 'en' ? ': ' : '：'}
                  {lang === 'en' ? c.message.en : c.message['zh-CN']}
                  {!c.ok && c.detail && <TechnicalDetail detail={c.detail} />}
                </List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed" mt={4}>
              {t('settings.wecom.lastTest', { when: when(lastTest.at) })}
            </Text>
          </Alert>
        )}
        {s?.configured && <ImportFromWeCom />}
        {s?.configured && callbackUrl && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('settings.wecom.callbackUrl')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }} data-testid="wecom-callback-url">
                {callbackUrl}
              </Code>
              <CopyButton value={callbackUrl}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                    {copied ? t('settings.wecom.copied') : t('settings.wecom.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <CallbackWarning url={callbackUrl} publicUrlSet={s.publicUrlSet} />
            <Text size="xs" c="dimmed">
              {t('settings.wecom.callbackUrlHelp')}
            </Text>
            <Text size="sm" c={s.callbackVerifiedAt ? 'teal' : 'dimmed'} data-testid="wecom-verified">
              {s.callbackVerifiedAt ? t('settings.wecom.verified', { when: when(s.callbackVerifiedAt) }) : t('settings.wecom.notVerified')}
            </Text>
            <Text size="sm" c="dimmed">
              {s.lastCallbackAt ? t('settings.wecom.lastCallback', { when: when(s.lastCallbackAt) }) : t('settings.wecom.noCallback')}
              {s.lastCallbackAt && ` ${t('settings.wecom.events', s.callbacks)}`}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** "Import from WeCom": start a run, and follow it (it survives a reload: the server keeps it). */
function ImportFromWeCom() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const when = useWorkspaceTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.wecom.importStatus.queryOptions(), refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false) });
  const start = useMutation(trpc.wecom.importStart.mutationOptions({ onSuccess: (run) => queryClient.setQueryData(trpc.wecom.importStatus.queryKey(), run) }));
  const run = status.data;
  const running = run?.state === 'running';
  return (
    <Stack gap={6} data-testid="wecom-import">
      <Text size="sm" fw={500}>
        {t('settings.wecom.importTitle')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('settings.wecom.importIntro')}
      </Text>
      {running && (
        <>
          <Progress value={run.members ? (100 * run.membersDone) / run.members : 5} animated aria-label={t('settings.wecom.importTitle')} />
          <Text size="sm">{run.members === null ? t('settings.wecom.importStarting') : t('settings.wecom.importRunning', { done: run.membersDone, members: run.members, contacts: run.contacts })}</Text>
        </>
      )}
      {run?.state === 'done' && <Text size="sm" c="teal">{t('settings.wecom.importDone', { when: when(run.finishedAt ?? run.startedAt), created: run.created, updated: run.updated, contacts: run.contacts })}</Text>}
      {run?.state === 'failed' && run.error && (
        <Alert color="red">{t('settings.wecom.importFailed', { error: lang === 'en' ? run.error.en : run.error['zh-CN'] })}</Alert>
      )}
      {start.error && <Alert color="red">{errorText(start.error, lang)}</Alert>}
      <Group>
        <Button variant="default" leftSection={<IconCloudDownload size={16} />} loading={start.isPending} disabled={running} onClick={() => start.mutate()} data-testid="wecom-import-start">
          {run ? t('settings.wecom.importAgain') : t('settings.wecom.importStart')}
        </Button>
      </Group>
    </Stack>
  );
}
