import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { AppRouter } from '@sopline/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../settings/errors.ts';
import { errorText, useTRPC } from '../trpc.ts';

export type ChannelCode = inferRouterOutputs<AppRouter>['channelCodes']['list'][number];
type Field = 'name' | 'source' | 'userIds' | 'tags' | 'welcomeScript' | 'conversionStage';
const MAX_WELCOME = 1000;

/** Create or edit a channel code: name, source, the reps it rotates across, tags, welcome, conversion stage. */
export function ChannelCodeDialog({ code, onClose, onSaved }: { code: ChannelCode | null; onClose: () => void; onSaved: (code: ChannelCode, created: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions({ limit: 200, active: true }));
  const stages = useQuery(trpc.stages.list.queryOptions());
  const [name, setName] = useState(code?.name ?? '');
  const [source, setSource] = useState(code?.source ?? '');
  const [userIds, setUserIds] = useState<string[]>(code?.reps.map((r) => r.id) ?? []);
  const [tags, setTags] = useState<string[]>(code?.tags ?? []);
  const [welcome, setWelcome] = useState(code?.welcomeScript ?? '');
  const [stage, setStage] = useState<string | null>(code?.conversionStage ?? null);
  const [missing, setMissing] = useState<Field | null>(null);
  const done = async (saved: ChannelCode, created: boolean) => {
    await queryClient.invalidateQueries({ queryKey: trpc.channelCodes.list.queryKey() });
    onSaved(saved, created);
  };
  const create = useMutation(trpc.channelCodes.create.mutationOptions({ onSuccess: (saved) => done(saved, true) }));
  const update = useMutation(trpc.channelCodes.update.mutationOptions({ onSuccess: (saved) => done(saved, false) }));
  const save = code ? update : create;
  const wrong = fieldError(save.error);
  const errorFor = (field: Field) => (missing === field ? t('channelCodes.form.required') : wrong?.field === field ? errorText(save.error, lang) : undefined);
  const stageLabel = (s: { code: string; label: Record<string, string> }) => s.label[lang] ?? s.label['zh-CN'] ?? s.code;

  const submit = () => {
    const empty: Field | null = name.trim() === '' ? 'name' : source.trim() === '' ? 'source' : userIds.length === 0 ? 'userIds' : null;
    setMissing(empty);
    if (empty) return;
    const input = { name, source, userIds, tags, welcomeScript: welcome.trim() === '' ? null : welcome, ...(stage ? { conversionStage: stage } : {}) };
    if (code) update.mutate({ id: code.id, ...input });
    else create.mutate(input);
  };

  return (
    <Modal opened onClose={onClose} title={code ? t('channelCodes.edit') : t('channelCodes.create')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('channelCodes.form.name')} description={t('channelCodes.form.nameHelp')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errorFor('name')} maxLength={40} data-autofocus data-testid="code-name" />
          <TextInput label={t('channelCodes.form.source')} description={t('channelCodes.form.sourceHelp')} value={source} onChange={(e) => setSource(e.currentTarget.value)} error={errorFor('source')} maxLength={20} data-testid="code-source" />
          <MultiSelect
            label={t('channelCodes.form.reps')}
            description={t('channelCodes.form.repsHelp')}
            data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.wecomUserId ? u.name : t('channelCodes.form.noWeCom', { name: u.name }), disabled: !u.wecomUserId }))}
            value={userIds}
            onChange={setUserIds}
            error={errorFor('userIds')}
            searchable
            data-testid="code-reps"
          />
          <TagsInput label={t('channelCodes.form.tags')} description={t('channelCodes.form.tagsHelp')} value={tags} onChange={setTags} maxTags={20} clearable data-testid="code-tags" />
          <Textarea
            label={t('channelCodes.form.welcome')}
            description={t('channelCodes.form.welcomeHelp', { name: '{{customer.name}}', owner: '{{owner.name}}' })}
            value={welcome}
            onChange={(e) => setWelcome(e.currentTarget.value)}
            error={errorFor('welcomeScript') ?? (welcome.length > MAX_WELCOME ? t('channelCodes.form.chars', { count: welcome.length, max: MAX_WELCOME }) : undefined)}
            autosize
            minRows={3}
            maxRows={8}
            data-testid="code-welcome"
          />
          <Select
            label={t('channelCodes.form.stage')}
            data={(stages.data ?? []).map((s) => ({ value: s.code, label: stageLabel(s) }))}
            value={stage ?? (stages.data?.find((s) => s.code === 'paid')?.code ?? null)}
            onChange={setStage}
            error={errorFor('conversionStage')}
            allowDeselect={false}
          />
          {save.error && !wrong && <Alert color="red">{errorText(save.error, lang)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('channelCodes.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="code-save">
              {code ? t('channelCodes.form.save') : t('channelCodes.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
