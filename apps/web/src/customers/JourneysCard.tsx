import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { exitReasonLabel } from '@sopline/registry/browser';
import { langOf } from '../i18n/lang.ts';
import { formatRelative, formatWhen } from '../designer/panels/format.ts';
import { errorText, useTRPC } from '../trpc.ts';
import { EnrolDialog } from './EnrolDialog.tsx';
import type { Profile } from './timeline.ts';
import { eventKindLabel, placeName } from './timeline.ts';

type Enrollment = Profile['enrollments'][number];
const STATUS_COLOR: Record<Enrollment['status'], string> = { active: 'blue', waiting: 'yellow', completed: 'teal', exited: 'teal', cancelled: 'gray', failed: 'red' };
const inFlight = (e: Enrollment) => e.status === 'active' || e.status === 'waiting';

/** The journeys the customer is in (and was in): where each one waits now; managers enrol and remove. */
export function JourneysCard({ profile, canManage, onChanged }: { profile: Profile; canManage: boolean; onChanged(): Promise<unknown> }) {
  const { t } = useTranslation();
  const [enrolling, setEnrolling] = useState(false);
  const [removing, setRemoving] = useState<Enrollment | null>(null);
  const current = profile.enrollments.filter(inFlight);
  const past = profile.enrollments.filter((e) => !inFlight(e));
  return (
    <Paper withBorder p="md" data-testid="customer-journeys">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('customers.journeys.title')}</Title>
          {canManage && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEnrolling(true)}>
              {t('customers.journeys.enrol')}
            </Button>
          )}
        </Group>
        {profile.enrollments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('customers.journeys.none')}
          </Text>
        )}
        {[...current, ...past].map((e) => (
          <EnrollmentRow key={e.id} enrollment={e} canManage={canManage} onRemove={() => setRemoving(e)} />
        ))}
      </Stack>
      {enrolling && <EnrolDialog customer={profile.customer} onClose={() => setEnrolling(false)} onChanged={onChanged} />}
      <RemoveDialog enrollment={removing} customerName={profile.customer.name} onClose={() => setRemoving(null)} onChanged={onChanged} />
    </Paper>
  );
}

function EnrollmentRow({ enrollment: e, canManage, onRemove }: { enrollment: Enrollment; canManage: boolean; onRemove(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const live = inFlight(e);
  const node = e.currentNode;
  const place = node ? placeName(node, lang) : '';
  const summary = node?.summary?.[lang];
  return (
    <Paper withBorder p="sm" radius="sm" bg={live ? undefined : 'gray.0'} data-testid="enrollment">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            {canManage ? (
              <Anchor component={Link} to={`/journeys/${e.journey.id}`} fw={600} size="sm">
                {e.journey.name}
              </Anchor>
            ) : (
              <Text fw={600} size="sm">
                {e.journey.name}
              </Text>
            )}
            <Badge size="xs" variant="light" color="gray" tt="none">
              {t('customers.journeys.version', { version: e.version })}
            </Badge>
            <Badge size="xs" color={STATUS_COLOR[e.status]} variant={live ? 'filled' : 'light'}>
              {t(`customers.journeys.status.${e.status}`)}
            </Badge>
          </Group>
          {live && !node && (
            <Text size="sm" c="dimmed">
              {t('customers.journeys.starting')}
            </Text>
          )}
          {live && node && (
            <Text size="sm">
              {t('customers.journeys.at', { node: place })}
              {summary && summary !== place ? ` · ${summary}` : ''}
            </Text>
          )}
          {e.status === 'waiting' && e.waitUntil && (
            <Text size="sm" c="dimmed">
              {t('customers.journeys.until', { when: formatWhen(e.waitUntil, i18n.language), relative: formatRelative(e.waitUntil, i18n.language) })}
            </Text>
          )}
          {e.status === 'waiting' && e.waitingForEvent && (
            <Text size="sm" c="dimmed">
              {t('customers.journeys.forEvent', { event: eventKindLabel(e.waitingForEvent, lang) })}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {live ? t('customers.journeys.since', { when: formatWhen(e.startedAt, i18n.language) }) : t('customers.journeys.ended', { when: formatWhen(e.endedAt, i18n.language) })}
            {!live && e.exitReason && e.status !== 'cancelled' ? ` · ${t('customers.journeys.exitReason', { reason: exitReasonLabel(e.exitReason, lang) })}` : ''}
          </Text>
        </Stack>
        {canManage && live && (
          <Button size="xs" variant="subtle" color="red" leftSection={<IconPlayerStop size={14} />} onClick={onRemove} style={{ flexShrink: 0 }}>
            {t('customers.journeys.remove')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function RemoveDialog({ enrollment, customerName, onClose, onChanged }: { enrollment: Enrollment | null; customerName: string; onClose(): void; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const cancel = useMutation(
    trpc.enrollments.cancel.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('customers.journeys.removed', { journey: enrollment?.journey.name ?? '' }) });
        onClose();
        await onChanged();
      },
      onError: (error) => notifications.show({ color: 'red', title: t('common.error'), message: errorText(error, i18n.language) }),
    }),
  );
  return (
    <Modal opened={enrollment !== null} onClose={onClose} title={t('customers.journeys.removeTitle')} size="md">
      <Stack gap="md">
        <Text size="sm">{enrollment && t('customers.journeys.removeBody', { name: customerName, journey: enrollment.journey.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={() => enrollment && cancel.mutate({ enrollmentId: enrollment.id })} data-autofocus>
            {t('customers.journeys.removeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
