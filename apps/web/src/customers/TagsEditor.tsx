import { Autocomplete, Badge, CloseButton, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../trpc.ts';

/** A customer's tags: remove with the × on each, add by picking a tag or typing a new one (Enter). */
export function TagsEditor({ customerId, tags, onChanged }: { customerId: string; tags: string[]; onChanged(): Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [draft, setDraft] = useState('');
  const [debounced] = useDebouncedValue(draft.trim(), 200);
  const known = useQuery({ ...trpc.tags.list.queryOptions({ q: debounced || undefined, limit: 20 }), placeholderData: keepPreviousData });
  const fail = (error: unknown) => notifications.show({ color: 'red', title: t('common.error'), message: errorText(error, i18n.language) });
  const add = useMutation(
    trpc.tags.add.mutationOptions({
      onSuccess: async (_r, input) => {
        setDraft('');
        notifications.show({ color: 'teal', message: t('customers.page.tagAdded', { tag: input.tags[0] }) });
        await onChanged();
      },
      onError: fail,
    }),
  );
  const remove = useMutation(
    trpc.tags.remove.mutationOptions({
      onSuccess: async (_r, input) => {
        notifications.show({ color: 'teal', message: t('customers.page.tagRemoved', { tag: input.tags[0] }) });
        await onChanged();
      },
      onError: fail,
    }),
  );
  const submit = (name: string) => {
    const tag = name.trim();
    if (tag === '' || add.isPending) return;
    if (tags.includes(tag)) return setDraft('');
    add.mutate({ customerId, tags: [tag] });
  };
  const suggestions = (known.data?.items ?? []).map((tag) => tag.name).filter((name) => !tags.includes(name));

  return (
    <div data-testid="customer-tags">
      <Group gap={6} mb="xs" wrap="wrap">
        {tags.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('customers.page.noTags')}
          </Text>
        )}
        {tags.map((tag) => (
          <Badge
            key={tag}
            variant="light"
            size="lg"
            tt="none"
            fw={500}
            pr={3}
            rightSection={<CloseButton size="xs" aria-label={t('customers.page.removeTag', { tag })} onClick={() => remove.mutate({ customerId, tags: [tag] })} disabled={remove.isPending} />}
          >
            {tag}
          </Badge>
        ))}
      </Group>
      <form noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(draft);
        }}
      >
        <Autocomplete
          aria-label={t('customers.page.addTag')}
          placeholder={t('customers.page.addTag')}
          description={t('customers.page.addTagHint')}
          leftSection={<IconPlus size={14} />}
          size="sm"
          value={draft}
          onChange={setDraft}
          onOptionSubmit={submit}
          data={suggestions}
          maxLength={64}
          disabled={add.isPending}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
      </form>
    </div>
  );
}
