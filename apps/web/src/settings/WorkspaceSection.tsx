import { Alert, Button, Fieldset, Group, Loader, NumberInput, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeZoneSelect } from '../layout/TimeZoneSelect.tsx';
import { errorText, useTRPC } from '../trpc.ts';
import { fieldError } from './errors.ts';
import { TimeOfDayInput } from '../components/TimeOfDayInput.tsx';

type Form = { name: string; timezone: string; quiet: boolean; quietStart: string; quietEnd: string; capPerDay: number | ''; capPerWeek: number | '' };

/** The workspace's name, zone, quiet hours and frequency caps: admins change them, ops managers read them. */
export function WorkspaceSection({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.workspace.get.queryOptions());
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data && !form) {
      const s = settings.data;
      setForm({
        name: s.name,
        timezone: s.timezone,
        quiet: s.quietStart !== null,
        quietStart: s.quietStart ?? '21:00',
        quietEnd: s.quietEnd ?? '09:00',
        capPerDay: s.capPerDay ?? '',
        capPerWeek: s.capPerWeek ?? '',
      });
    }
  }, [settings.data, form]);
  const save = useMutation(
    trpc.workspace.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.workspace.saved') });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.workspace.get.queryKey() }),
          // The shell and the digest show the workspace's name and zone.
          queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.reminders.mySettings.queryKey() }),
        ]);
      },
    }),
  );
  const wrong = fieldError(save.error);
  // The request schema's own messages are English: say the same in the user's language where we can.
  const hints: Record<string, string> = { timezone: t('settings.workspace.badZone'), capPerDay: t('settings.workspace.capRange'), capPerWeek: t('settings.workspace.capRange') };
  const errorFor = (field: string) => (wrong?.field === field ? (wrong.message === null ? errorText(save.error, lang) : (hints[field] ?? wrong.message)) : undefined);
  const cap = (v: number | '') => (v === '' ? null : v);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="workspace-title">
      <Stack gap="sm">
        <Title order={3} id="workspace-title">
          {t('settings.workspace.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.workspace.intro')}
        </Text>
        {!canEdit && (
          <Alert color="gray" data-testid="workspace-admins-only">
            {t('settings.adminsOnlyWorkspace')}
          </Alert>
        )}
        {settings.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {settings.isError && <Alert color="red">{errorText(settings.error, lang)}</Alert>}
        {form && (
          <form noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({
                name: form.name,
                timezone: form.timezone,
                quietStart: form.quiet ? form.quietStart : null,
                quietEnd: form.quiet ? form.quietEnd : null,
                capPerDay: cap(form.capPerDay),
                capPerWeek: cap(form.capPerWeek),
              });
            }}
          >
            <Stack gap="md" maw={560}>
              <TextInput label={t('settings.workspace.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errorFor('name')} required disabled={!canEdit} />
              <TimeZoneSelect
                label={t('settings.workspace.timezone')}
                describe={(now) => t('settings.workspace.timezoneHelp', { now })}
                value={form.timezone}
                onChange={(zone) => setForm({ ...form, timezone: zone })}
                error={errorFor('timezone')}
                disabled={!canEdit}
                testId="workspace-timezone"
              />
              <Fieldset legend={t('settings.workspace.quiet')} disabled={!canEdit}>
                <Stack gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('settings.workspace.quietHelp')}
                  </Text>
                  <Switch label={t('settings.workspace.quietOn')} checked={form.quiet} onChange={(e) => setForm({ ...form, quiet: e.currentTarget.checked })} />
                  {form.quiet ? (
                    <Group grow align="flex-start">
                      <TimeOfDayInput label={t('settings.workspace.quietStart')} value={form.quietStart} onChange={(v) => setForm({ ...form, quietStart: v })} error={errorFor('quietStart')} required />
                      <TimeOfDayInput label={t('settings.workspace.quietEnd')} value={form.quietEnd} onChange={(v) => setForm({ ...form, quietEnd: v })} error={errorFor('quietEnd')} required />
                    </Group>
                  ) : (
                    <Text size="sm" data-testid="quiet-off">
                      {t('settings.workspace.quietOff')}
                    </Text>
                  )}
                </Stack>
              </Fieldset>
              <Fieldset legend={t('settings.workspace.caps')} disabled={!canEdit}>
                <Stack gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('settings.workspace.capsHelp')}
                  </Text>
                  <Group grow align="flex-start">
                    {(['capPerDay', 'capPerWeek'] as const).map((field) => (
                      <NumberInput
                        key={field}
                        label={t(`settings.workspace.${field}`)}
                        description={t('settings.workspace.capRange')}
                        placeholder={t('settings.workspace.noCap')}
                        min={1}
                        max={50}
                        allowDecimal={false}
                        allowNegative={false}
                        clampBehavior="none"
                        value={form[field]}
                        onChange={(v) => setForm({ ...form, [field]: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
                        error={errorFor(field)}
                      />
                    ))}
                  </Group>
                </Stack>
              </Fieldset>
              {save.error && !wrong && <Alert color="red">{errorText(save.error, lang)}</Alert>}
              {canEdit && (
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('settings.workspace.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
