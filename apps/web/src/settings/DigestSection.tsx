import { Alert, Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockZone, formatDateTime, zoneLabel } from '../layout/clock.ts';
import { TimeOfDayInput } from '../components/TimeOfDayInput.tsx';
import { TimeZoneSelect } from '../layout/TimeZoneSelect.tsx';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';

/** The time in the zone the digest follows (not the browser's), with the zone named. */
function formatIn(iso: string, zone: string, lang: string): string {
  return formatDateTime(iso, lang, { zone, label: true });
}

type Form = { enabled: boolean; time: string; timezone: string; locale: 'zh-CN' | 'en'; mention: string };

/** Every user's own digest: on/off, the time, the zone, the language and an optional @mention. */
export function DigestSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.reminders.mySettings.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data && !form) {
      const s = settings.data;
      setForm({ enabled: s.enabled, time: s.time, timezone: s.timezone ?? '', locale: s.locale, mention: s.mention ?? '' });
    }
  }, [settings.data, form]);
  const save = useMutation(
    trpc.reminders.updateMySettings.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.digest.saved') });
        await queryClient.invalidateQueries({ queryKey: trpc.reminders.mySettings.queryKey() });
      },
    }),
  );
  const wrong = fieldError(save.error);
  const errorFor = (field: string) => (wrong?.field === field ? (wrong.message ?? errorText(save.error, lang)) : undefined);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="digest-title">
      <Stack gap="sm">
        <Title order={3} id="digest-title">
          {t('settings.digest.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.digest.intro')}
        </Text>
        {settings.isError && <Alert color="red">{errorText(settings.error, lang)}</Alert>}
        {settings.data && !settings.data.channelReady && (
          <Alert color="yellow" data-testid="digest-no-channel">
            {t('settings.digest.noChannel')}
          </Alert>
        )}
        {form && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ enabled: form.enabled, time: form.time, timezone: form.timezone.trim() || null, locale: form.locale, mention: form.mention.trim() || null });
            }}
          >
            <Stack gap="sm" maw={420}>
              <Switch
                label={t('settings.digest.enabled')}
                // Off, and not to be switched on, while the workspace has nowhere to send it.
                checked={form.enabled && settings.data?.channelReady === true}
                disabled={settings.data?.channelReady !== true}
                onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
                data-testid="digest-enabled"
              />
              <TimeOfDayInput
                label={t('settings.digest.time')}
                description={t('settings.digest.timeHelp')}
                value={form.time}
                onChange={(time) => setForm({ ...form, time })}
                error={errorFor('time')}
                required
              />
              <TimeZoneSelect
                label={t('settings.digest.timezone')}
                value={form.timezone}
                onChange={(timezone) => setForm({ ...form, timezone })}
                follow={{ value: '', label: t('settings.digest.followClock', { zone: `${zoneLabel(lang, clockZone())} · ${clockZone()}` }) }}
                error={errorFor('timezone')}
                testId="digest-timezone"
              />
              <Select
                label={t('settings.digest.language')}
                data={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
                value={form.locale}
                onChange={(v) => v && setForm({ ...form, locale: v as Form['locale'] })}
                allowDeselect={false}
              />
              {/* An @mention is the group robot's; WeCom app messages reach the rep directly. */}
              {settings.data?.channel !== 'wecom-app' && (
                <TextInput
                  label={t('settings.digest.mention')}
                  description={t('settings.digest.mentionHelp')}
                  inputMode="tel"
                  value={form.mention}
                  onChange={(e) => setForm({ ...form, mention: e.currentTarget.value })}
                  error={errorFor('mention')}
                />
              )}
              {save.error && !wrong && <Alert color="red">{errorText(save.error, lang)}</Alert>}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('settings.digest.save')}
                </Button>
                <Text size="sm" c="dimmed" data-testid="digest-next">
                  {settings.data?.nextAt ? t('settings.digest.next', { when: formatIn(settings.data.nextAt, settings.data.effectiveTimezone, lang) }) : settings.data?.enabled === false ? t('settings.digest.off') : ''}
                </Text>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
