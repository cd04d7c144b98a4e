import type { NodeCategory, Text } from '@sopline/graph';
import { LANGS } from '@sopline/graph';
import type { SummaryNames } from '@sopline/node-sdk';
import type { NodeRegistry } from '../ports.ts';

/** What a person reads about one node of a published version: its own label, its type's title, what it does. */
export type NodeLabel = {
  id: string;
  type: string;
  /** The operator's name for the node on the canvas, if they gave one. */
  label: string | null;
  /** The node type's title (null: a type that is not installed). */
  title: Text | null;
  category: NodeCategory | null;
  /** The canvas summary of its settings, e.g. "wait 1 day" (null when it cannot be made). */
  summary: Text | null;
};

type GraphNode = { id: string; type: string; label?: string; config?: unknown };

function graphNodes(graph: unknown): GraphNode[] {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  return Array.isArray(nodes) ? (nodes as GraphNode[]) : [];
}

type Labelled = { label_zh: string; label_en: string };

/** The workspace's stage and property labels as a summary's names (「已付费」, 「生日」 instead of paid, birthday). */
export function summaryNames(stages: ReadonlyArray<Labelled & { code: string }>, properties: ReadonlyArray<Labelled & { key: string }>): SummaryNames {
  const stageBy = new Map(stages.map((s) => [s.code, s]));
  const propertyBy = new Map(properties.map((p) => [p.key, p]));
  const read = (row: Labelled | undefined, lang: 'zh-CN' | 'en') => {
    const label = row ? (lang === 'en' ? row.label_en : row.label_zh) : '';
    return label.trim() === '' ? undefined : label;
  };
  return { stage: (code, lang) => read(stageBy.get(code), lang), property: (key, lang) => read(propertyBy.get(key), lang) };
}

/**
 * Looks up nodes of one version's graph and describes them with the installed node types. A node
 * whose config no longer parses (or whose type is gone) is still described, only with less.
 */
export function nodeLabeller(registry: Pick<NodeRegistry, 'get'>, graph: unknown, names?: SummaryNames) {
  const byId = new Map(graphNodes(graph).map((n) => [n.id, n]));
  const configOf = (node: GraphNode) => {
    const parsed = registry.get(node.type)?.config.safeParse(node.config ?? {});
    return parsed?.success ? parsed.data : undefined;
  };
  return {
    node(nodeId: string, fallbackType = 'unknown'): NodeLabel {
      const node = byId.get(nodeId);
      const def = registry.get(node?.type ?? fallbackType);
      const config = node ? configOf(node) : undefined;
      let summary: Text | null = null;
      if (def && config !== undefined) {
        try {
          summary = Object.fromEntries(LANGS.map((lang) => [lang, def.summary(config as never, lang, names)])) as Text;
        } catch {
          summary = null;
        }
      }
      return { id: nodeId, type: node?.type ?? fallbackType, label: node?.label ?? null, title: def?.title ?? null, category: def?.category ?? null, summary };
    },
    /** The label of the port a step took (null: not a port of the node, e.g. 'wait' or 'exit:done'). */
    port(nodeId: string, portId: string): Text | null {
      const node = byId.get(nodeId);
      const def = node && registry.get(node.type);
      const config = node && configOf(node);
      if (!def || config === undefined) return null;
      return def.ports(config as never).find((p) => p.id === portId)?.label ?? null;
    },
  };
}
