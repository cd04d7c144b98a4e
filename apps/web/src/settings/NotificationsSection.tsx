import { Alert, Button, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { fieldError, splitList } from './errors.ts';

const WEBHOOK = 'webhook';
const WECOM_APP = 'wecom-app';
type Form = { channel: string; enabled: boolean; url: string; mentions: string };

/**
 * The workspace's webhook (managers): the URL is a secret, so the saved one is never shown — an
 * empty field keeps it. "Send a test message" tries what is typed (or the saved settings) at once.
 */
export function NotificationsSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.reminders.getSettings.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data && !form) {
      const mentions = settings.data.config.mentionMobiles;
      // Sending is off until there is somewhere to send to.
      setForm({ channel: settings.data.channel ?? WEBHOOK, enabled: settings.data.channel === null ? false : settings.data.enabled, url: '', mentions: Array.isArray(mentions) ? mentions.join(', ') : '' });
    }
  }, [settings.data, form]);

  const config = (f: Form) => (f.channel === WECOM_APP ? {} : { ...(f.url.trim() ? { url: f.url.trim() } : {}), mentionMobiles: splitList(f.mentions) });
  const offersWeCom = settings.data?.channels.some((c) => c.id === WECOM_APP) ?? false;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reminders.getSettings.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reminders.deliveries.queryKey() }),
      // "My daily digest" says whether a channel is ready.
      queryClient.invalidateQueries({ queryKey: trpc.reminders.mySettings.queryKey() }),
    ]);
  const save = useMutation(
    trpc.reminders.updateSettings.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.notifications.saved') });
        setForm((f) => (f ? { ...f, url: '' } : f));
        await refresh();
      },
    }),
  );
  const test = useMutation(
    trpc.reminders.sendTest.mutationOptions({
      onSuccess: async (result) => {
        if (result.delivered) notifications.show({ color: 'teal', message: t('settings.notifications.testOk', { attempts: result.attempts ?? 1 }) });
        await refresh();
      },
    }),
  );
  const failed = save.error ?? test.error;
  const wrong = fieldError(failed);
  const errorFor = (field: string) => (wrong?.field === field || wrong?.field === field.replace(/^config\./, '') ? (wrong.message ?? errorText(failed, lang)) : undefined);
  const testResult = test.data && !test.data.delivered ? test.data : null;
  const hasSavedUrl = (settings.data?.channel === WEBHOOK && settings.data.secretsSet.includes('url')) || false;
  const webhook = form?.channel !== WECOM_APP;
  const noAddress = webhook && !hasSavedUrl && !form?.url.trim();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notifications-title">
      <Stack gap="sm">
        <Title order={3} id="notifications-title">
          {t('settings.notifications.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.notifications.intro')}
        </Text>
        {settings.isError && <Alert color="red">{errorText(settings.error, lang)}</Alert>}
        {settings.data && !settings.data.channel && (
          <Alert color="blue" data-testid="channel-empty">
            {t('settings.notifications.notConfigured')}
          </Alert>
        )}
        {form && (
          <form noValidate
            onSubmit={(e) => {
              e.preventDefault();
              test.reset();
              save.mutate({ channel: form.channel, enabled: form.enabled, config: config(form) });
            }}
          >
            <Stack gap="sm" maw={640}>
              <Switch
                label={t('settings.notifications.enabled')}
                description={noAddress ? t('settings.notifications.enabledNeedsChannel') : undefined}
                checked={form.enabled && !noAddress}
                disabled={noAddress}
                onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
                data-testid="notifications-enabled"
              />
              {offersWeCom && (
                <SegmentedControl
                  value={form.channel}
                  onChange={(channel) => {
                    save.reset();
                    test.reset();
                    // WeCom app messages need no address: choosing them first is choosing to send.
                    setForm({ ...form, channel, enabled: form.enabled || (!settings.data?.channel && channel === WECOM_APP) });
                  }}
                  data={[
                    { value: WEBHOOK, label: t('settings.notifications.channelWebhook') },
                    { value: WECOM_APP, label: t('settings.notifications.channelWeCom') },
                  ]}
                  aria-label={t('settings.notifications.channel')}
                  data-testid="channel-choice"
                />
              )}
              {!webhook && (
                <Text size="sm" c="dimmed" data-testid="wecom-app-help">
                  {t('settings.notifications.wecomHelp')}
                </Text>
              )}
              {webhook && (
                <TextInput
                  label={t('settings.notifications.url')}
                  description={hasSavedUrl ? t('settings.notifications.urlSaved', { target: settings.data?.target ?? '' }) : t('settings.notifications.urlHelp')}
                  placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
                  value={form.url}
                  // The first address typed switches sending on (it was off only for want of one).
                  onChange={(e) => setForm({ ...form, url: e.currentTarget.value, enabled: form.enabled || (!settings.data?.channel && form.url.trim() === '' && e.currentTarget.value.trim() !== '') })}
                  error={errorFor('config.url')}
                  autoComplete="off"
                  required={webhook && !hasSavedUrl}
                  data-testid="webhook-url"
                />
              )}
              {webhook && (
                <TextInput
                  label={t('settings.notifications.mentions')}
                  description={t('settings.notifications.mentionsHelp')}
                  value={form.mentions}
                  onChange={(e) => setForm({ ...form, mentions: e.currentTarget.value })}
                  error={wrong?.field.startsWith('config.mentionMobiles') ? errorText(failed, lang) : undefined}
                />
              )}
              {failed && !wrong && <Alert color="red">{errorText(failed, lang)}</Alert>}
              {testResult && (
                <Alert color="red" title={t('settings.notifications.testFailed')} data-testid="test-failed">
                  {testResult.message ? (lang.startsWith('zh') ? testResult.message['zh-CN'] : testResult.message.en) : testResult.reason}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('settings.notifications.save')}
                </Button>
                <Button
                  variant="light"
                  leftSection={<IconSend size={16} />}
                  loading={test.isPending}
                  disabled={webhook && !form.url.trim() && !hasSavedUrl}
                  onClick={() => {
                    save.reset();
                    test.mutate({ channel: form.channel, config: config(form), locale: lang.startsWith('zh') ? 'zh-CN' : 'en' });
                  }}
                >
                  {t('settings.notifications.test')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <DeliveryLog />
      </Stack>
    </Paper>
  );
}
