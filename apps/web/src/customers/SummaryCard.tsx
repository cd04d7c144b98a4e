import { Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';
import { StagePicker, useStages } from './StagePicker.tsx';
import { TagsEditor } from './TagsEditor.tsx';
import type { Profile } from './timeline.ts';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** Stage, owner and tags: what a rep and a manager change most. Only managers reassign the owner. */
export function SummaryCard({ profile, canManage, onChanged }: { profile: Profile; canManage: boolean; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const { label: stageLabel } = useStages();
  const trpc = useTRPC();
  const { customer, owner } = profile;
  const fail = (error: unknown) => notifications.show({ color: 'red', title: t('common.error'), message: errorText(error, i18n.language) });
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: async (c) => {
        notifications.show({ color: 'teal', message: c.stage ? t('customers.page.stageChanged', { stage: stageLabel(c.stage) }) : t('customers.page.saved') });
        await onChanged();
      },
      onError: fail,
    }),
  );
  const users = useQuery({ ...trpc.users.list.queryOptions({ active: true, limit: 200 }), enabled: canManage, staleTime: 60_000 });
  const assign = useMutation(
    trpc.customers.assignOwner.mutationOptions({
      onSuccess: async (_r, input) => {
        const name = users.data?.items.find((u) => u.id === input.ownerId)?.name;
        notifications.show({ color: 'teal', message: name ? t('customers.page.ownerChanged', { name }) : t('customers.page.ownerCleared') });
        await onChanged();
      },
      onError: fail,
    }),
  );
  const ownerOptions = [
    ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${t(`roles.${u.role}`)}` })),
    // An inactive owner is not assignable but still shown as the current one.
    ...(owner && !users.data?.items.some((u) => u.id === owner.id) ? [{ value: owner.id, label: `${owner.name} ${owner.active ? '' : t('customers.page.ownerInactive')}` }] : []),
  ];

  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Field label={t('customers.page.stage')}>
          <StagePicker
            aria-label={t('customers.page.stage')}
            value={customer.stage}
            onChange={(stage) => stage !== customer.stage && update.mutate({ customerId: customer.id, stage })}
            disabled={update.isPending}
            data-testid="stage-picker"
          />
        </Field>
        <Field label={t('customers.page.owner')}>
          {canManage ? (
            <Select
              aria-label={t('customers.page.owner')}
              searchable
              clearable
              placeholder={t('customers.page.noOwner')}
              data={ownerOptions}
              value={owner?.id ?? null}
              onChange={(ownerId) => ownerId !== (owner?.id ?? null) && assign.mutate({ customerIds: [customer.id], ownerId })}
              disabled={assign.isPending}
            />
          ) : (
            <Text size="sm">{owner ? `${owner.name}${owner.active ? '' : ` ${t('customers.page.ownerInactive')}`}` : t('customers.page.noOwner')}</Text>
          )}
        </Field>
        <Field label={t('customers.page.tags')}>
          <TagsEditor customerId={customer.id} tags={profile.tags} onChanged={onChanged} />
        </Field>
      </Stack>
    </Paper>
  );
}
