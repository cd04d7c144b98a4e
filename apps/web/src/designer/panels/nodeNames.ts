import type { Lang } from '@sopline/graph';
import { definitionOf } from '../catalog.ts';

type NamedNode = { id: string; type: string; label?: string | null };

/** What a node is called in lists: its label, else its type's title, else its id. */
export function nodeName(node: NamedNode | undefined, lang: Lang, fallbackId = ''): string {
  if (!node) return fallbackId;
  return node.label || definitionOf(node.type)?.title[lang] || node.type || node.id;
}

/** Graph nodes by id, from a version or draft graph whose shape is only known at runtime. */
export function nodesById(graph: unknown): Map<string, NamedNode> {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return new Map();
  return new Map(
    nodes
      .filter((n): n is NamedNode => typeof n === 'object' && n !== null && typeof (n as NamedNode).id === 'string')
      .map((n) => [n.id, { id: n.id, type: String(n.type), label: typeof n.label === 'string' ? n.label : null }]),
  );
}
