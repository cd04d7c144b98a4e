import type { Journey } from '@sopline/db';
import { newId, repos, RevisionConflictError } from '@sopline/db';
import type { JourneyGraph, Problem } from '@sopline/graph';
import { text, validateGraph } from '@sopline/graph';
import { DomainError, errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';

type Deps = Pick<DomainDeps, 'db' | 'registry'>;

export const journeyErrors = {
  malformed: (problems: Problem[]) =>
    new DomainError('journey.malformed', text('旅程文档格式错误，无法保存', 'The journey document is malformed and cannot be saved'), problems),
  archived: () => new DomainError('journey.archived', text('旅程已归档，不能再修改或发布；请复制一份再编辑', 'The journey is archived: it cannot be changed or published. Duplicate it to keep working')),
  conflict: (details: { currentRevision: number; savedAt: string | null; savedBy: { id: string; name: string | null } | null }) =>
    new DomainError(
      'journey.conflict',
      text(
        `草稿已被${details.savedBy?.name ?? '他人'}保存为第 ${details.currentRevision} 版，请先载入最新草稿`,
        `${details.savedBy?.name ?? 'Someone else'} saved this draft (revision ${details.currentRevision}) after you opened it: load the latest draft first`,
      ),
      [],
      details,
    ),
};

/** A new journey's graph: just a manual trigger, so customers can be enrolled by hand once published. */
export function blankGraph(): JourneyGraph {
  return {
    settings: { reentry: 'never', goal: null },
    nodes: [{ id: `trigger-${newId().slice(0, 8)}`, type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }],
    edges: [],
  };
}

/**
 * Drafts are checked for shape only (a document the canvas can load again), never strictly, so a
 * half-built journey saves; the returned problems let the canvas mark unfinished nodes.
 */
function structural(deps: Deps, graph: unknown): { graph: JourneyGraph; problems: Problem[] } {
  const result = validateGraph(graph, deps.registry);
  if (!result.graph) throw journeyErrors.malformed(result.problems);
  return { graph: result.graph, problems: result.problems };
}

export async function findJourney(deps: Pick<DomainDeps, 'db'>, workspaceId: string, journeyId: string): Promise<Journey> {
  const journey = await repos(deps.db).journeys.get(workspaceId, journeyId);
  if (!journey) throw errors.notFound('旅程 / journey', journeyId);
  return journey;
}

export async function createJourney(deps: Deps, input: { workspaceId: string; name: string; graph?: unknown; userId: string | null }): Promise<Journey> {
  const graph = input.graph === undefined ? blankGraph() : structural(deps, input.graph).graph;
  return repos(deps.db).journeys.create({ workspaceId: input.workspaceId, name: input.name, graph, userId: input.userId });
}

export async function renameJourney(deps: Deps, input: { workspaceId: string; journeyId: string; name: string; userId: string | null }): Promise<void> {
  if (!(await repos(deps.db).journeys.rename(input.workspaceId, input.journeyId, input.name, input.userId))) throw errors.notFound('旅程 / journey', input.journeyId);
}

/** A new draft journey with a copy of the source's draft (not its versions, enrollments or status). */
export async function duplicateJourney(deps: Deps, input: { workspaceId: string; journeyId: string; name: string; userId: string | null }): Promise<Journey> {
  const source = await findJourney(deps, input.workspaceId, input.journeyId);
  return repos(deps.db).journeys.create({ workspaceId: input.workspaceId, name: input.name, graph: source.draft_graph, userId: input.userId });
}

/**
 * Saves the draft if nobody saved since `baseRevision`. A stale revision fails with
 * 'journey.conflict', carrying the current revision and who saved it so the editor can reload or merge.
 */
export async function saveJourneyDraft(
  deps: Deps,
  input: { workspaceId: string; journeyId: string; graph: unknown; baseRevision: number; userId: string | null },
): Promise<{ revision: number; problems: Problem[] }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  if (journey.status === 'archived') throw journeyErrors.archived();
  const { graph, problems } = structural(deps, input.graph);
  const r = repos(deps.db);
  try {
    const revision = await r.journeys.saveDraft({ workspaceId: input.workspaceId, id: journey.id, graph, baseRevision: input.baseRevision, userId: input.userId });
    return { revision, problems };
  } catch (err) {
    if (!(err instanceof RevisionConflictError)) throw err;
    const editor = await r.journeys.draftEditor(input.workspaceId, journey.id);
    throw journeyErrors.conflict({
      currentRevision: editor?.revision ?? err.currentRevision,
      savedAt: editor?.updatedAt ?? null,
      savedBy: editor?.userId ? { id: editor.userId, name: editor.userName } : null,
    });
  }
}

/** Strict validation of the saved draft, or of a graph the editor has not saved yet. */
export async function validateJourney(deps: Deps, input: { workspaceId: string; journeyId: string; graph?: unknown }): Promise<{ ok: boolean; problems: Problem[] }> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const result = validateGraph(input.graph === undefined ? journey.draft_graph : input.graph, deps.registry);
  return { ok: result.ok, problems: result.problems };
}
