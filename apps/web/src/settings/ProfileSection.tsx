import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserZone, zoneLabel } from '../layout/clock.ts';
import { TimeZoneSelect } from '../layout/TimeZoneSelect.tsx';
import { errorText, useTRPC } from '../trpc.ts';

const FOLLOW = '';

/**
 * The person's own clock: every time in Sopline is shown and entered in it, and their inbox's "today"
 * is counted in it. Empty follows the workspace's zone (what nearly everyone wants).
 */
export function ProfileSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    if (me.data && zone === null) setZone(me.data.user.timezone ?? FOLLOW);
  }, [me.data, zone]);
  const save = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.profile.saved') });
        // Every query reads times and "today" on the new clock.
        await queryClient.invalidateQueries();
      },
    }),
  );
  if (!me.data || zone === null) return null;
  const workspaceZone = me.data.workspace.timezone;
  const browser = browserZone();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ timezone: zone === FOLLOW ? null : zone });
        }}
      >
        <Stack gap="sm" maw={420}>
          <Title order={3} id="profile-title">
            {t('settings.profile.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.profile.intro')}
          </Text>
          <TimeZoneSelect
            label={t('settings.profile.zone')}
            value={zone}
            onChange={setZone}
            follow={{ value: FOLLOW, label: t('settings.profile.follow', { zone: `${zoneLabel(lang, workspaceZone)} · ${workspaceZone}` }) }}
            testId="profile-zone"
          />
          {browser !== (zone === FOLLOW ? workspaceZone : zone) && (
            <Alert color="blue" variant="light" data-testid="profile-browser-zone">
              {t('settings.profile.browserDiffers', { browser: `${zoneLabel(lang, browser)} · ${browser}` })}
            </Alert>
          )}
          {save.error && <Alert color="red">{errorText(save.error, lang)}</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('settings.profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
