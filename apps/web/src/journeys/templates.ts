import type { Lang } from '@sopline/graph';
import type { JourneyTemplate, TemplateParam } from '@sopline/registry/browser';
import { JOURNEY_TEMPLATES, parseTemplateParams } from '@sopline/registry/browser';

/** The journeys a new one can start from: the registry's templates (the same ones the server builds). */
export const TEMPLATES: readonly JourneyTemplate[] = JOURNEY_TEMPLATES;

export type TemplateChoice = 'blank' | string;

/** What the dialog's fields hold: numbers as typed (a cleared field is ''), text as typed. */
export type ParamDraft = Record<string, number | string>;

export function defaultParams(params: readonly TemplateParam[]): ParamDraft {
  return Object.fromEntries(params.map((p) => [p.key, p.default]));
}

/** The message under each field that needs fixing, in the user's language (empty when all are valid). */
export function paramErrors(params: readonly TemplateParam[], draft: ParamDraft, lang: Lang): Record<string, string> {
  const result = parseTemplateParams(params, draft);
  if (result.ok) return {};
  return Object.fromEntries(result.problems.flatMap((p) => (p.key ? [[p.key, p.message[lang]]] : [])));
}

/** Field errors the server sent for a template's parameters (problems at ['params', key]). */
export function serverParamErrors(data: unknown, lang: Lang): Record<string, string> {
  const problems = (data as { domain?: { problems?: Array<{ path?: unknown[]; message?: Record<Lang, string> }> } } | undefined)?.domain?.problems ?? [];
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const [root, key] = p.path ?? [];
    if (root === 'params' && typeof key === 'string' && p.message) errors[key] = p.message[lang];
  }
  return errors;
}
