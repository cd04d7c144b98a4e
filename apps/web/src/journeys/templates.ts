import type { JourneyGraphInput } from '@sopline/graph';
import { retailLifecycleExample } from '@sopline/registry/browser';

/** Journeys to start from. More lifecycle templates (B2B, win-back, birthday …) come with issue 5. */
export const TEMPLATES = [{ id: 'retail', name: 'journeys.templates.retail', graph: retailLifecycleExample }] as const satisfies ReadonlyArray<{ id: string; name: string; graph: JourneyGraphInput }>;

export type TemplateId = 'blank' | (typeof TEMPLATES)[number]['id'];
