import type { Lang, Text } from '@sopline/graph';
import type { SummaryNames } from '@sopline/node-sdk';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo } from 'react';
import { useTRPC } from '../../trpc.ts';

type Named = { label: Text };

/** The workspace's stages and properties as a summary's names: a code it defines reads as its label. */
export function summaryNamesOf(stages: ReadonlyArray<Named & { code: string }>, properties: ReadonlyArray<Named & { key: string }>): SummaryNames {
  const stageBy = new Map(stages.map((s) => [s.code, s.label]));
  const propertyBy = new Map(properties.map((p) => [p.key, p.label]));
  const read = (label: Text | undefined, lang: Lang) => (label && label[lang].trim() !== '' ? label[lang] : undefined);
  return { stage: (code, lang) => read(stageBy.get(code), lang), property: (key, lang) => read(propertyBy.get(key), lang) };
}

/** The names the editor's nodes read: set once for the whole canvas by DesignerFlowProvider. */
export const SummaryNamesContext = createContext<SummaryNames>(summaryNamesOf([], []));

/**
 * The names every canvas node's summary reads, from the same cached lists the inspector offers, read
 * once for the editor (not once per node); until they arrive, summaries say the codes.
 */
export function useWorkspaceSummaryNames(): SummaryNames {
  const trpc = useTRPC();
  const stages = useQuery({ ...trpc.stages.list.queryOptions(), staleTime: 60_000 });
  const properties = useQuery({ ...trpc.properties.list.queryOptions(), staleTime: 60_000 });
  return useMemo(() => summaryNamesOf(stages.data ?? [], properties.data ?? []), [stages.data, properties.data]);
}

export const useSummaryNames = (): SummaryNames => useContext(SummaryNamesContext);
