import { Select } from '@mantine/core';
import type { SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { langOf } from '../i18n/lang.ts';
import { useTRPC } from '../trpc.ts';
import { stageLabel } from './timeline.ts';

/**
 * The workspace's stages (Settings → Workspace → Stages) in its order: options labelled in the user's
 * language, and the label of any code (a code the list lost falls back to the standard dictionary).
 */
export function useStages(): { options: Array<{ value: string; label: string }>; label(code: string): string } {
  const { i18n } = useTranslation();
  // langOf from i18n, not through the designer's catalogue: the inbox's task cards use this hook, and the
  // catalogue would put every node type's manifest into the inbox's first load.
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const stages = useQuery({ ...trpc.stages.list.queryOptions(), staleTime: 60_000 });
  const list = stages.data ?? [];
  return {
    options: list.map((s) => ({ value: s.code, label: s.label[lang] })),
    label: (code) => list.find((s) => s.code === code)?.label[lang] ?? stageLabel(code, lang),
  };
}

/** Picks one of the workspace's stages; clearing it means no stage. New stages are added in Settings. */
export function StagePicker(props: { value: string | null; onChange(stage: string | null): void } & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const { t } = useTranslation();
  const { value, onChange, ...rest } = props;
  const { options, label } = useStages();
  const current = value && !options.some((o) => o.value === value) ? [{ value, label: label(value) }] : [];
  return (
    <Select
      searchable
      clearable
      placeholder={t('customers.page.stageSearch')}
      nothingFoundMessage={t('customers.page.badStage')}
      {...rest}
      data={[...options, ...current]}
      value={value}
      onChange={(v) => onChange(v)}
    />
  );
}
