import { Alert, Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText, useTRPC } from '../trpc.ts';
import { StagePicker } from './StagePicker.tsx';

/** A customer added by hand; a sales rep's new customer is their own. Opens the new customer's page. */
export function CreateCustomerDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [stage, setStage] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: async (c) => {
        notifications.show({ color: 'teal', message: t('customers.create.created', { name: c.name }) });
        await navigate(`/customers/${c.id}`);
      },
    }),
  );
  const blank = name.trim() === '';
  return (
    <Modal opened onClose={onClose} title={t('customers.create.title')} size="md">
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (blank) return;
          create.mutate({ name: name.trim(), phone: phone.trim() || undefined, email: email.trim() || undefined, stage: stage ?? undefined, tags: tags.length ? tags : undefined });
        }}
      >
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" role="alert">
              {errorText(create.error, i18n.language)}
            </Alert>
          )}
          <TextInput label={t('customers.create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={touched && blank ? t('customers.create.nameRequired') : null} maxLength={200} data-autofocus />
          <TextInput label={t('customers.create.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} maxLength={200} inputMode="tel" />
          <TextInput label={t('customers.create.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} maxLength={200} type="email" />
          <StagePicker label={t('customers.create.stage')} value={stage} onChange={setStage} comboboxProps={{ withinPortal: true }} />
          <TagsInput label={t('customers.create.tags')} description={t('customers.create.tagsHint')} value={tags} onChange={setTags} maxTags={50} clearable />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
