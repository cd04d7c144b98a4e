import type { JourneyGraphInput, Lang } from '@sopline/graph';
import { b2bLongCycle } from './b2b-long-cycle.ts';
import { birthdayCare } from './birthday-care.ts';
import { dormantWinBack } from './dormant-win-back.ts';
import type { ParamProblem } from './params.ts';
import { parseTemplateParams } from './params.ts';
import { repurchaseRevisit } from './repurchase-revisit.ts';
import { retailLifecycle } from './retail-lifecycle.ts';
import type { JourneyTemplate } from './types.ts';
import { welcomeSeries } from './welcome-series.ts';

export type { JourneyTemplate, NumberParam, TemplateCategory, TemplateParam, TemplateParamValues, TextParam } from './types.ts';
export { paramRule, paramsSchema, parseTemplateParams } from './params.ts';
export type { ParamProblem, ParsedParams } from './params.ts';
export { revisitDays } from './repurchase-revisit.ts';

/** The journeys a new one can start from, in the order the "new journey" dialog shows them. */
export const JOURNEY_TEMPLATES: readonly JourneyTemplate[] = [retailLifecycle, b2bLongCycle, welcomeSeries, dormantWinBack, birthdayCare, repurchaseRevisit];

export function findTemplate(id: string): JourneyTemplate | undefined {
  return JOURNEY_TEMPLATES.find((t) => t.id === id);
}

export type Instantiated = { ok: true; graph: JourneyGraphInput } | { ok: false; problems: ParamProblem[] };

/** A template's journey in one language, from raw parameters (validated here; defaults fill the gaps). */
export function instantiateTemplate(template: JourneyTemplate, lang: Lang, rawParams?: unknown): Instantiated {
  const params = parseTemplateParams(template.params, rawParams);
  if (!params.ok) return params;
  return { ok: true, graph: { ...template.build(lang, params.values), settings: structuredClone(template.settings) } };
}

function built(template: JourneyTemplate, lang: Lang): JourneyGraphInput {
  const result = instantiateTemplate(template, lang);
  if (!result.ok) throw new Error(`template ${template.id} has invalid defaults`);
  return result.graph;
}

/**
 * The retail lifecycle in Chinese, reused by integration tests and the demo seed. Treat it as
 * read-only: `structuredClone` it before changing anything.
 */
export const retailLifecycleExample: JourneyGraphInput = built(retailLifecycle, 'zh-CN');
