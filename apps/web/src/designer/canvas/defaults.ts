import type { Lang } from '@sopline/graph';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import type { JourneyNodeData } from '../convert.ts';
import { definitionOf } from '../catalog.ts';

/**
 * Starting values for required fields a schema gives no default, keyed by field name rather than
 * node type so plugin nodes with the same fields benefit too. The operator edits them in the inspector.
 */
const FIELD_SEEDS: Record<string, (lang: Lang) => unknown> = {
  script: (lang) => (lang === 'en' ? 'Hi {{customer.name}}, ' : '{{customer.name}}，您好！'),
  tags: () => ['VIP'],
  stage: () => 'paid',
  to: () => 'paid',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A schema default that repeats the node's Chinese title (e.g. a task title) follows the operator's language. */
function localiseTitle(config: Record<string, unknown>, def: Pick<AnyNodeManifest, 'title'>, lang: Lang): Record<string, unknown> {
  return config.title === def.title['zh-CN'] && lang !== 'zh-CN' ? { ...config, title: def.title[lang] } : config;
}

/** The config a freshly dropped node starts with: the schema's defaults, plus seeds for required fields. */
export function defaultConfig(def: Pick<AnyNodeManifest, 'config' | 'title'>, lang: Lang): Record<string, unknown> {
  const bare = def.config.safeParse({});
  if (bare.success) return isRecord(bare.data) ? localiseTitle(bare.data, def, lang) : {};
  const seed: Record<string, unknown> = {};
  for (const issue of bare.error.issues) {
    const key = issue.path[0];
    const make = typeof key === 'string' && issue.path.length === 1 ? FIELD_SEEDS[key] : undefined;
    if (make && typeof key === 'string') seed[key] = make(lang);
  }
  const seeded = def.config.safeParse(seed);
  // Still invalid: keep what we have; the node shows "not set up yet" and the validator lists the field.
  return seeded.success && isRecord(seeded.data) ? localiseTitle(seeded.data, def, lang) : seed;
}

/** A new node of this type, ready for `addNode` / `insertOnEdge`; null for an unknown type. */
export function newNodeData(type: string, lang: Lang): JourneyNodeData | null {
  const def = definitionOf(type);
  if (!def) return null;
  return { type, typeVersion: def.version, config: defaultConfig(def, lang) };
}
