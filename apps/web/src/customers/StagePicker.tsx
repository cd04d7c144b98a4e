import { Select } from '@mantine/core';
import type { SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { designerStrings } from '../designer/strings.ts';
import { langOf } from '../designer/catalog.ts';
import { useTRPC } from '../trpc.ts';
import { stageLabel } from './timeline.ts';

/** The server's rule for a stage slug (StageSlug in the domain). */
export const STAGE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The standard stages and the workspace's stages in use, as options "已付费 · paid". */
export function useStageOptions(): Array<{ value: string; label: string }> {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const trpc = useTRPC();
  const inUse = useQuery({ ...trpc.customers.stages.queryOptions(), staleTime: 60_000 });
  const slugs = [...new Set([...Object.keys(designerStrings[lang].values.stage), ...(inUse.data ?? []).map((s) => s.stage)])];
  return slugs.map((slug) => ({ value: slug, label: `${stageLabel(slug, lang)} · ${slug}` }));
}

/**
 * Picks a lifecycle stage: a known one, or a new slug typed in ("Use 'first-visit'"). Clearing it
 * means no stage.
 */
export function StagePicker(props: { value: string | null; onChange(stage: string | null): void } & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const { t } = useTranslation();
  const { value, onChange, ...rest } = props;
  const options = useStageOptions();
  const [search, setSearch] = useState('');
  const typed = search.trim().toLowerCase();
  const isNew = typed !== '' && STAGE_SLUG.test(typed) && !options.some((o) => o.value === typed || o.label === search);
  const current = value && !options.some((o) => o.value === value) ? [{ value, label: value }] : [];
  const data = [...options, ...current, ...(isNew ? [{ value: typed, label: t('customers.page.useStage', { stage: typed }) }] : [])];
  return (
    <Select
      searchable
      clearable
      placeholder={t('customers.page.stageSearch')}
      nothingFoundMessage={t('customers.page.badStage')}
      {...rest}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => onChange(v)}
    />
  );
}
