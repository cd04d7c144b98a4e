import { text } from '@sopline/graph';
import type { Lang, Text } from '@sopline/graph';

export type Stage = { id: string; label: Text };

/** Retail lifecycle: value first, then price, then an offer; paid customers are led to repeat and refer. */
export const RETAIL_STAGES: readonly Stage[] = [
  { id: 'unpaid', label: text('未付费', 'Unpaid') },
  { id: 'paid', label: text('已付费', 'Paid') },
  { id: 'repeat', label: text('复购', 'Repeat buyer') },
  { id: 'advocate', label: text('KOC 推荐官', 'Advocate (KOC)') },
];

/** Long-cycle B2B sales (cars, housing, insurance). */
export const B2B_STAGES: readonly Stage[] = [
  { id: 'consulting', label: text('咨询', 'Consulting') },
  { id: 'interested', label: text('感兴趣', 'Interested') },
  { id: 'considering', label: text('考虑', 'Considering') },
  { id: 'paid', label: text('付费', 'Paid') },
];

export const STAGE_SETS = { retail: RETAIL_STAGES, b2b: B2B_STAGES } as const;

/** A standard stage's label, or the slug itself for a workspace's own stage. */
export function stageLabel(stage: string, lang: Lang): string {
  const known = RETAIL_STAGES.find((s) => s.id === stage) ?? B2B_STAGES.find((s) => s.id === stage);
  return known ? known.label[lang] : stage;
}
