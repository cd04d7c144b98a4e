import type { Journey } from '@sopline/db';
import type { JourneyGraph, Lang, Problem } from '@sopline/graph';
import { text } from '@sopline/graph';
import { findTemplate, instantiateTemplate } from '@sopline/registry';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { addProperties } from '../properties/properties.ts';
import { addStages } from '../stages/stages.ts';
import { createJourney } from './drafts.ts';
import { referencesOf } from './references.ts';

export const templateErrors = {
  unknown: (id: string) => new DomainError('template.unknown', text(`没有名为「${id}」的旅程模板`, `There is no journey template "${id}"`)),
  /** Each problem's `path` is ['params', key], so the create dialog can mark the field. */
  invalidParams: (problems: Problem[]) =>
    new DomainError('template.invalid-params', text('模板参数有误，请按提示修改后再创建', 'Some template settings are not valid: correct them as shown and create again'), problems),
};

/**
 * A new draft journey from a template, written in the creator's language (scripts, labels, tags)
 * with the template's parameters validated first.
 */
export async function createJourneyFromTemplate(
  deps: Pick<DomainDeps, 'db' | 'registry'>,
  input: { workspaceId: string; name: string; templateId: string; lang: Lang; params?: unknown; userId: string | null },
): Promise<Journey> {
  const template = findTemplate(input.templateId);
  if (!template) throw templateErrors.unknown(input.templateId);
  const result = instantiateTemplate(template, input.lang, input.params);
  if (!result.ok) {
    throw templateErrors.invalidParams(result.problems.map((p) => ({ code: 'template.param', severity: 'error', path: p.key === null ? ['params'] : ['params', p.key], message: p.message })));
  }
  // What the template brings with it joins the workspace's catalogues: its funnel's stages, and the
  // date property it waits on (e.g. a birthday under another key), so the new journey can be published.
  await addStages(deps.db, input.workspaceId, template.stages.map((s) => ({ code: s.id, label: s.label })));
  const dates = referencesOf(deps.registry, result.graph as JourneyGraph).flatMap(({ ref }) => (ref.kind === 'property' && ref.type === 'date' ? [{ key: ref.key, type: 'date' as const }] : []));
  await addProperties(deps.db, input.workspaceId, dates);
  return createJourney(deps, { workspaceId: input.workspaceId, name: input.name, graph: result.graph, userId: input.userId });
}
