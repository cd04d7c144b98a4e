import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import type { Profile } from './timeline.ts';

/** Puts the customer into a published journey; a refusal by the journey's re-entry rule is explained, not hidden. */
export function EnrolDialog({ customer, onClose, onChanged }: { customer: Profile['customer']; onClose(): void; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  const live = (journeys.data ?? []).filter((j) => j.status === 'live' && j.liveVersion !== null);
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const journeyName = (id: string) => live.find((j) => j.id === id)?.name ?? '';
  const enrol = useMutation(
    trpc.enrollments.enrol.mutationOptions({
      onSuccess: async (result, input) => {
        if (!result.enrolled) {
          setRefusal(t(`customers.journeys.refused.${result.reason}`, { name: customer.name, journey: journeyName(input.journeyId) }));
          return;
        }
        notifications.show({ color: 'teal', message: t('customers.journeys.enrolled', { journey: journeyName(input.journeyId) }) });
        onClose();
        await onChanged();
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t('customers.journeys.enrolTitle', { name: customer.name })} size="md">
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setRefusal(null);
          if (journeyId) enrol.mutate({ journeyId, customerId: customer.id });
        }}
      >
        <Stack gap="sm">
          {journeys.isSuccess && live.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customers.journeys.noLive')}
            </Text>
          ) : (
            <Select
              label={t('customers.journeys.pick')}
              placeholder={t('customers.journeys.pickPlaceholder')}
              data={live.map((j) => ({ value: j.id, label: `${j.name} · v${j.liveVersion}` }))}
              value={journeyId}
              onChange={(id) => {
                setJourneyId(id);
                setRefusal(null);
              }}
              searchable
              data-autofocus
              data-testid="enrol-journey"
            />
          )}
          {refusal && (
            <Alert color="orange" role="alert" data-testid="enrol-refusal">
              {refusal}
            </Alert>
          )}
          {enrol.isError && (
            <Alert color="red" role="alert">
              {errorText(enrol.error, i18n.language)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!journeyId} loading={enrol.isPending}>
              {t('customers.journeys.confirmEnrol')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
