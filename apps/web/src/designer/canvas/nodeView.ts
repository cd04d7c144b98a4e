import type { Lang, NodeCategory, Problem, Text } from '@sopline/graph';
import type { AnyNodeManifest, SummaryNames } from '@sopline/node-sdk';
import type { JourneyNodeData } from '../convert.ts';

export type PortView = { id: string; label: Text };

/** What a canvas node shows, worked out once per (type, config, label, language). */
export type NodeView = {
  known: boolean;
  category: NodeCategory | null;
  icon: string | null;
  title: string;
  /** The type's one-line summary; null when it would only repeat the title. */
  summary: string | null;
  /** False when the config does not pass the type's schema yet (the node then reads "not set up yet"). */
  configured: boolean;
  ports: PortView[];
  acceptsInput: boolean;
};

function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export function describeNode(def: AnyNodeManifest | undefined, data: JourneyNodeData, lang: Lang, names?: SummaryNames): NodeView {
  if (!def) {
    return { known: false, category: null, icon: null, title: data.label || data.type, summary: null, configured: false, ports: [], acceptsInput: true };
  }
  const parsed = def.config.safeParse(data.config);
  const config: unknown = parsed.success ? parsed.data : data.config;
  const title = data.label || def.title[lang];
  const summary = parsed.success ? attempt(() => def.summary(parsed.data, lang, names), null) : null;
  return {
    known: true,
    category: def.category,
    icon: def.icon,
    title,
    summary: summary && summary !== title ? summary : null,
    configured: parsed.success,
    // An unfinished config still shows its exits when the type can tell them; otherwise none.
    ports: attempt(() => def.ports(config as never), []),
    acceptsInput: def.category !== 'trigger',
  };
}

/** Each node's last config that passed its schema, so the canvas can keep saying what it did while a form is half-edited. */
const lastValid = new Map<string, JourneyNodeData>();

/**
 * What the node's summary line says: its summary, or, while its settings do not pass (a script too
 * long, a field emptied), the summary it last had, marked stale. Null text means "not set up yet".
 */
export function summaryLine(id: string, def: AnyNodeManifest | undefined, data: JourneyNodeData, view: NodeView, lang: Lang, names?: SummaryNames): { text: string | null; stale: boolean } {
  if (view.configured) {
    lastValid.set(id, data);
    return { text: view.summary, stale: false };
  }
  const good = lastValid.get(id);
  if (!good || good.type !== data.type) return { text: null, stale: false };
  const before = describeNode(def, { ...good, label: data.label }, lang, names);
  return before.configured ? { text: before.summary ?? before.title, stale: true } : { text: null, stale: false };
}

const byNodeCache = new WeakMap<readonly Problem[], Map<string, Problem[]>>();

/** Problems grouped by node, computed once per problems array so each node's selector is O(1) and stable. */
export function problemsByNode(problems: readonly Problem[]): Map<string, Problem[]> {
  let index = byNodeCache.get(problems);
  if (!index) {
    index = new Map();
    for (const p of problems) {
      if (!p.nodeId) continue;
      const list = index.get(p.nodeId);
      if (list) list.push(p);
      else index.set(p.nodeId, [p]);
    }
    byNodeCache.set(problems, index);
  }
  return index;
}
