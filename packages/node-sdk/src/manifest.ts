import type { ConfigProblem, EventKind, Lang, NodeCategory, NodeReference, NodeTypeInfo, PortSpec, Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { z } from 'zod';

/**
 * The browser-safe half of a node type: everything the designer shows and checks — names, icon,
 * ports, canvas summary and the config schema (its field labels in `.meta({ label, help })`). It holds
 * no executor, so a manifest module must not import Node built-ins or server code: the server serves
 * it to the designer as JSON (tRPC `nodeTypes.list`) and the web app bundles the built-ins' manifests.
 */
export const OUT: PortSpec = { id: 'out', label: text('下一步', 'Next') };

/**
 * The workspace's own words for what a config names, handed to `summary` by the designer: a stage by
 * its label, a customer property by its label. A summary that names a stage or property asks here, so
 * the canvas says 「生日」 and 「已付费」 rather than `birthday` and `paid`. Each answers undefined for a
 * code the workspace does not define (yet); say the code then.
 */
export type SummaryNames = {
  stage(code: string, lang: Lang): string | undefined;
  property(key: string, lang: Lang): string | undefined;
};

/** No workspace at hand (a test, a server log): every code is its own name. */
export const NO_NAMES: SummaryNames = { stage: () => undefined, property: () => undefined };

type SharedManifest<S extends z.ZodType> = {
  type: string;
  /** Bump when the config shape changes incompatibly; published versions keep the number they used. */
  version: number;
  title: Text;
  description: Text;
  /**
   * A Tabler icon name (`git-branch`, `arrows-split`; https://tabler.io/icons) or a whole SVG document
   * the plugin ships (`<svg …>…</svg>`, at most 16 KB, drawn with `currentColor` to follow the theme).
   */
  icon: string;
  /** Extra words the palette search matches, in both languages. */
  aliases?: string[];
  config: S;
  /** The node's one line on the canvas, in `lang`; `names` gives the workspace's labels (absent: none known). */
  summary(config: z.output<S>, lang: Lang, names?: SummaryNames): string;
  /**
   * The canvas summary as a template, for designers that cannot run `summary` (a plugin's node in
   * the web app): `{{field}}` is replaced by the config's value at that dotted path.
   */
  summaryTemplate?: Text;
  validate?(config: z.output<S>): ConfigProblem[];
  /** The workspace's properties and stages the config names, checked against its catalogues when a journey is published. */
  reads?(config: z.output<S>): NodeReference[];
};

export type NodeManifest<S extends z.ZodType = z.ZodType> = SharedManifest<S> & {
  category: Exclude<NodeCategory, 'trigger'>;
  ports(config: z.output<S>): PortSpec[];
};

export type TriggerManifest<S extends z.ZodType = z.ZodType> = SharedManifest<S> & {
  category: 'trigger';
  /** Event kinds that can fire this trigger; empty for manual / bulk enrolment only. */
  events: EventKind[];
  ports(config: z.output<S>): PortSpec[];
};

export type AnyNodeManifest = NodeManifest<z.ZodType> | TriggerManifest<z.ZodType>;

export function defineManifest<S extends z.ZodType>(manifest: NodeManifest<S>): NodeManifest<S> & NodeTypeInfo {
  return manifest as NodeManifest<S> & NodeTypeInfo;
}

/** A trigger's manifest: one `out` port, category `trigger`. */
export function defineTriggerManifest<S extends z.ZodType>(manifest: Omit<TriggerManifest<S>, 'category' | 'ports'>): TriggerManifest<S> & NodeTypeInfo {
  return { ...manifest, category: 'trigger', ports: () => [OUT] } as TriggerManifest<S> & NodeTypeInfo;
}
