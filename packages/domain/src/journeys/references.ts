import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { JourneyGraph, NodeReference, Problem } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { DomainDeps } from '../ports.ts';
import { addProperties, workspaceProperties } from '../properties/properties.ts';
import { addStages, workspaceStages } from '../stages/stages.ts';

const TYPE_LABEL = { text: text('文本', 'text'), number: text('数字', 'number'), date: text('日期', 'date') } as const;

/** What each node of a graph names of the workspace's catalogues, by its own type's `reads`. */
export function referencesOf(registry: DomainDeps['registry'], graph: JourneyGraph): Array<{ nodeId: string; ref: NodeReference }> {
  const nodes = Array.isArray((graph as { nodes?: unknown } | null)?.nodes) ? graph.nodes : [];
  return nodes.flatMap((node) => {
    const def = registry.get(node.type);
    if (!def?.reads) return [];
    const parsed = def.config.safeParse(node.config);
    return parsed.success ? def.reads(parsed.data).map((ref) => ({ nodeId: node.id, ref })) : [];
  });
}

/**
 * What a graph names that the workspace does not define: a property nobody declared (or of the wrong
 * type for a date wait), a stage not in the funnel. Each problem points at the node and field, in
 * both languages, and says where to add what is missing.
 */
export async function referenceProblems(deps: Pick<DomainDeps, 'db' | 'registry'>, workspaceId: string, graph: JourneyGraph): Promise<Problem[]> {
  const refs = referencesOf(deps.registry, graph);
  if (refs.length === 0) return [];
  const properties = refs.some((r) => r.ref.kind === 'property') ? await workspaceProperties(deps.db, workspaceId) : [];
  const stages = refs.some((r) => r.ref.kind === 'stage') ? await workspaceStages(deps.db, workspaceId) : [];
  const problems: Problem[] = [];
  for (const { nodeId, ref } of refs) {
    if (ref.kind === 'property') {
      const found = properties.find((p) => p.key === ref.key);
      if (!found) {
        problems.push({
          code: 'property.unknown',
          severity: 'error',
          nodeId,
          path: ref.path,
          message: text(`客户属性「${ref.key}」未定义：请在「设置 → 工作区 → 客户属性」里添加，或改用已有属性（${properties.map((p) => p.key).join('、')}）`, `The customer property "${ref.key}" is not defined: add it in Settings → Workspace → Customer properties, or use one there is (${properties.map((p) => p.key).join(', ')})`),
        });
      } else if (ref.type && found.type !== ref.type) {
        problems.push({
          code: 'property.type',
          severity: 'error',
          nodeId,
          path: ref.path,
          message: text(`客户属性「${ref.key}」是${TYPE_LABEL[found.type]['zh-CN']}，这里需要${TYPE_LABEL[ref.type]['zh-CN']}属性`, `The customer property "${ref.key}" is ${TYPE_LABEL[found.type].en}; this needs a ${TYPE_LABEL[ref.type].en} property`),
        });
      }
    } else if (!stages.some((s) => s.code === ref.code)) {
      problems.push({
        code: 'stage.unknown',
        severity: 'error',
        nodeId,
        path: ref.path,
        message: text(`阶段「${ref.code}」不在本工作区的阶段列表里：请在「设置 → 工作区 → 阶段」里添加，或选一个已有阶段`, `The stage "${ref.code}" is not in this workspace's stages: add it in Settings → Workspace → Stages, or pick one there is`),
      });
    }
  }
  return problems;
}

/** Names of the live (or paused) journeys whose running version reads the property `key`. */
export async function journeysReadingProperty(deps: Pick<DomainDeps, 'db' | 'registry'>, db: Db, workspaceId: string, key: string): Promise<string[]> {
  const versions = await repos(db).versions.liveOf(workspaceId);
  return versions.filter((v) => referencesOf(deps.registry, v.graph as JourneyGraph).some((r) => r.ref.kind === 'property' && r.ref.key === key)).map((v) => v.journeyName);
}

/**
 * For fixtures, seeds and benchmarks only: declares whatever a graph names that the workspace lacks
 * (stages labelled with their code, properties with their key), so a hand-written test graph can be
 * published. The product never calls this: there, publishing refuses and says what to add.
 */
export async function declareReferences(deps: Pick<DomainDeps, 'db' | 'registry'>, workspaceId: string, graph: unknown): Promise<void> {
  const refs = referencesOf(deps.registry, graph as JourneyGraph);
  await addStages(deps.db, workspaceId, refs.flatMap(({ ref }) => (ref.kind === 'stage' ? [{ code: ref.code, label: text(ref.code, ref.code) }] : [])));
  await addProperties(deps.db, workspaceId, refs.flatMap(({ ref }) => (ref.kind === 'property' ? [{ key: ref.key, type: ref.type ?? 'text' }] : [])));
}
