import { Alert, Badge, Button, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { TemplateParam } from '@sopline/registry/browser';
import { parseTemplateParams } from '@sopline/registry/browser';
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { nodeIcon } from '../designer/canvas/icons.ts';
import { langOf } from '../i18n/lang.ts';
import { errorText, useTRPC } from '../trpc.ts';
import { defaultParams, paramErrors, serverParamErrors, TEMPLATES } from './templates.ts';
import type { ParamDraft, TemplateChoice } from './templates.ts';

function ParamField(props: { param: TemplateParam; value: number | string; error?: string; lang: 'zh-CN' | 'en'; onChange(v: number | string): void }) {
  const { param: p, lang } = props;
  const common = { label: p.label[lang], description: p.help[lang], error: props.error, 'data-testid': `template-param-${p.key}` };
  if (p.kind === 'text' && p.names === 'date-property') return <DatePropertyParam {...props} />;
  if (p.kind === 'text') {
    return <TextInput {...common} placeholder={p.placeholder[lang]} value={String(props.value)} maxLength={p.maxLength} withAsterisk={!p.optional} onChange={(e) => props.onChange(e.currentTarget.value)} />;
  }
  return (
    <NumberInput
      {...common}
      value={props.value}
      min={p.min}
      max={p.max}
      step={p.step}
      allowDecimal={p.kind === 'number'}
      decimalScale={p.kind === 'number' ? 2 : 0}
      rightSection={p.unit ? <Text size="sm">{p.unit[lang]}</Text> : undefined}
      rightSectionWidth={p.unit ? 48 : undefined}
      withAsterisk
      onChange={props.onChange}
    />
  );
}

/**
 * A parameter naming a date property: the workspace's date properties by their labels (生日, not
 * `birthday`), its own value kept even when the list lacks it (a property the import will bring).
 */
function DatePropertyParam(props: { param: TemplateParam; value: number | string; error?: string; lang: 'zh-CN' | 'en'; onChange(v: number | string): void }) {
  const { param: p, lang } = props;
  const trpc = useTRPC();
  const properties = useQuery({ ...trpc.properties.list.queryOptions(), staleTime: 60_000 });
  const value = String(props.value);
  const dates = (properties.data ?? []).filter((x) => x.type === 'date').map((x) => ({ value: x.key, label: x.label[lang] }));
  const data = value !== '' && !dates.some((d) => d.value === value) ? [...dates, { value, label: value }] : dates;
  return (
    <Select
      label={p.label[lang]}
      description={p.help[lang]}
      error={props.error}
      data-testid={`template-param-${p.key}`}
      data={data}
      value={value === '' ? null : value}
      onChange={(v) => props.onChange(v ?? '')}
      allowDeselect={false}
      withAsterisk
    />
  );
}

/**
 * "New journey": pick one of the lifecycle templates (or blank), answer its settings, name it; the
 * server writes the journey in the creator's language and the designer opens on it.
 */
export function NewJourneyDialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<TemplateChoice>('blank');
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [params, setParams] = useState<ParamDraft>({});
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation(trpc.journeys.create.mutationOptions({ onSuccess: async (j) => navigate(`/journeys/${j.id}`) }));

  const template = TEMPLATES.find((x) => x.id === choice);
  const errors = template && submitted ? paramErrors(template.params, params, lang) : {};
  const fromServer = create.error instanceof TRPCClientError ? serverParamErrors(create.error.data, lang) : {};
  const nameMissing = submitted && name.trim() === '';
  // Only valid settings have a meaning to preview.
  const parsed = template ? parseTemplateParams(template.params, params) : null;
  const preview = template?.preview && parsed?.ok ? template.preview(parsed.values)[lang] : null;

  const pick = (id: TemplateChoice) => {
    const next = TEMPLATES.find((x) => x.id === id);
    setChoice(id);
    setParams(next ? defaultParams(next.params) : {});
    setSubmitted(false);
    create.reset();
    // A name the user has not typed follows the chosen template.
    if (!nameEdited) setName(next ? next.name[lang] : '');
  };

  const submit = () => {
    setSubmitted(true);
    if (name.trim() === '') return;
    if (!template) return create.mutate({ name: name.trim() });
    if (Object.keys(paramErrors(template.params, params, lang)).length > 0) return;
    create.mutate({ name: name.trim(), template: { id: template.id, locale: lang, params } });
  };

  const card = (id: TemplateChoice, icon: ReactNode, title: string, description: string, extra?: ReactNode) => (
    <Radio.Card key={id} value={id} radius="md" p="sm" data-testid={`template-card-${id}`}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={4} />
        <ThemeIcon variant="light" size="lg" radius="md">
          {icon}
        </ThemeIcon>
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
          {extra}
        </Stack>
      </Group>
    </Radio.Card>
  );

  return (
    <Modal opened onClose={onClose} title={t('journeys.create.title')} size="xl" data-testid="new-journey-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Radio.Group value={choice} onChange={pick} label={t('journeys.create.start')} description={t('journeys.create.startHelp')} name="journey-template">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
              {card('blank', <IconPencil size={20} />, t('journeys.create.blank'), t('journeys.create.blankDescription'))}
              {TEMPLATES.map((tpl) => {
                const Icon = nodeIcon(tpl.icon, null);
                return card(
                  tpl.id,
                  <Icon size={20} />,
                  tpl.name[lang],
                  tpl.description[lang],
                  <Group gap={4}>
                    <Badge size="xs" variant="light" color="gray">
                      {t(`journeys.categories.${tpl.category}`)}
                    </Badge>
                    {tpl.stages.length > 0 && (
                      <Text size="xs" c="teal.8" data-testid={`template-stages-${tpl.id}`}>
                        {tpl.stages.map((s) => s.label[lang]).join(' → ')}
                      </Text>
                    )}
                    {tpl.settings.goal?.kind === 'purchase' && (
                      <Badge size="xs" variant="outline" color="teal">
                        {t('journeys.goal')}
                      </Badge>
                    )}
                  </Group>,
                );
              })}
            </SimpleGrid>
          </Radio.Group>
          {template && template.params.length > 0 && (
            <Stack gap="sm" data-testid="template-params">
              <Text fw={500} size="sm">
                {t('journeys.create.settings')}
              </Text>
              {template.params.map((p) => (
                <ParamField key={p.key} param={p} lang={lang} value={params[p.key] ?? ''} error={errors[p.key] ?? fromServer[p.key]} onChange={(v) => setParams((old) => ({ ...old, [p.key]: v }))} />
              ))}
              {preview && (
                <Text size="sm" c="teal.8" data-testid="template-preview">
                  {preview}
                </Text>
              )}
            </Stack>
          )}
          <TextInput
            label={t('common.name')}
            placeholder={t('journeys.namePlaceholder')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setNameEdited(true);
            }}
            error={nameMissing ? t('journeys.nameRequired') : null}
            maxLength={120}
            withAsterisk
          />
          {create.isError && (
            <Alert color="red" data-testid="create-error">
              {Object.keys(fromServer).length > 0 ? t('journeys.create.fixParams') : errorText(create.error, i18n.language)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="create-journey">
              {t('journeys.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
