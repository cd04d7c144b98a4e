import { Alert, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { langOf } from '../i18n/lang.ts';
import { formatWhen } from '../designer/panels/format.ts';
import { zoneLabel } from '../layout/clock.ts';
import { errorText, useTRPC } from '../trpc.ts';
import type { Profile } from './timeline.ts';
import { shortValue } from './timeline.ts';

type Customer = Profile['customer'];
const IDS = [
  ['phone', 'phone'],
  ['email', 'email'],
  ['memberId', 'member_id'],
  ['wechatOpenid', 'wechat_openid'],
  ['wechatUnionid', 'wechat_unionid'],
] as const;
const ZONES = Intl.supportedValuesOf('timeZone');

/** Who the customer is: external ids, time zone and free-form properties; "Edit" changes the first two and the name. */
export function ProfileCard({ customer, onChanged }: { customer: Customer; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  // Properties by their declared names (生日 / Birthday), the key only for one nobody declared.
  const catalogue = useQuery({ ...trpc.properties.list.queryOptions(), staleTime: 60_000 });
  const lang = langOf(i18n.language);
  const propertyName = (key: string) => catalogue.data?.find((p) => p.key === key)?.label[lang] ?? key;
  const [editing, setEditing] = useState(false);
  const properties = Object.entries(customer.properties);
  const ids = IDS.filter(([key]) => customer[key]);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('customers.page.profile')}</Title>
          <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
            {t('customers.page.edit')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 1 }} spacing="xs" verticalSpacing="xs">
          {ids.map(([key]) => (
            <div key={key}>
              <Text size="xs" c="dimmed">
                {t(`customers.page.ids.${key}`)}
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {customer[key]}
              </Text>
            </div>
          ))}
          <div>
            <Text size="xs" c="dimmed">
              {t('customers.page.timezone')}
            </Text>
            <Text size="sm">{customer.timezone ? zoneLabel(i18n.language, customer.timezone) : t('customers.page.timezoneDefault', { zone: me.data ? zoneLabel(i18n.language, me.data.workspace.timezone) : '' })}</Text>
          </div>
        </SimpleGrid>
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('customers.page.properties')}
          </Text>
          {properties.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customers.page.noProperties')}
            </Text>
          ) : (
            <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} data-testid="customer-properties">
              <Table.Tbody>
                {properties.map(([key, value]) => (
                  <Table.Tr key={key}>
                    <Table.Td w="40%" pr="xs" style={{ verticalAlign: 'top' }}>
                      <Text size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
                        {propertyName(key)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-word' }} title={typeof value === 'string' ? undefined : JSON.stringify(value)}>
                        {shortValue(value)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
        <Text size="xs" c="dimmed">
          {t('customers.page.created', { when: formatWhen(customer.createdAt, i18n.language) })}
        </Text>
      </Stack>
      {editing && <ProfileDialog customer={customer} onClose={() => setEditing(false)} onChanged={onChanged} />}
    </Paper>
  );
}

function ProfileDialog({ customer, onClose, onChanged }: { customer: Customer; onClose(): void; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [name, setName] = useState(customer.name);
  const [timezone, setTimezone] = useState<string | null>(customer.timezone);
  const [ids, setIds] = useState<Record<string, string>>(Object.fromEntries(IDS.map(([key]) => [key, customer[key] ?? ''])));
  const save = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('customers.page.saved') });
        onClose();
        await onChanged();
      },
    }),
  );
  const blank = name.trim() === '';
  return (
    <Modal opened onClose={onClose} title={t('customers.edit.title')} size="md">
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (blank) return;
          const external = Object.fromEntries(IDS.map(([key, field]) => [field, ids[key]!.trim() || null]));
          save.mutate({ customerId: customer.id, name: name.trim(), timezone, ...external });
        }}
      >
        <Stack gap="sm">
          {save.isError && (
            <Alert color="red" role="alert">
              {errorText(save.error, i18n.language)}
            </Alert>
          )}
          <TextInput label={t('customers.edit.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={blank ? t('customers.create.nameRequired') : null} maxLength={200} data-autofocus required />
          {IDS.map(([key]) => (
            <TextInput key={key} label={t(`customers.page.ids.${key}`)} value={ids[key]} onChange={(e) => setIds({ ...ids, [key]: e.currentTarget.value })} maxLength={200} />
          ))}
          <Select label={t('customers.edit.timezone')} description={t('customers.edit.timezoneHint')} data={timezone && !ZONES.includes(timezone) ? [timezone, ...ZONES] : ZONES} value={timezone} onChange={setTimezone} searchable clearable limit={50} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={blank}>
              {t('customers.edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
