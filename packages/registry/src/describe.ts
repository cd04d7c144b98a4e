import type { NodeCategory, PortSpec, Text } from '@sopline/graph';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import { z } from 'zod';

/** A Tabler icon by name, or an SVG document the plugin ships. */
export type NodeTypeIcon = { kind: 'tabler'; name: string; /** The icon's own SVG, added by the server (any Tabler icon, bundled or not). */ svg?: string } | { kind: 'svg'; svg: string };

/**
 * A node type's exits as data. Most have the same ports whatever the config; a node whose ports depend
 * on a discriminator field (the wait node has a `missing` exit only in `date-property` mode) lists
 * them per value of that field. Ports that depend on anything else are given for the default config.
 */
export type PortsDescription =
  | { kind: 'static'; ports: PortSpec[] }
  | { kind: 'by-field'; field: string; cases: Record<string, PortSpec[]>; otherwise: PortSpec[] };

export type NodeTypeSource = { kind: 'builtin' } | { kind: 'plugin'; name: string };

/** What the designer knows of a node type, as JSON (tRPC `nodeTypes.list`): a manifest without functions. */
export type NodeTypeDescription = {
  type: string;
  version: number;
  category: NodeCategory;
  title: Text;
  description: Text;
  aliases: string[];
  icon: NodeTypeIcon;
  /** The config as JSON Schema (draft 2020-12, input shape: fields with defaults are optional), with each field's `label` / `help` / `choices` meta; null if the schema has no JSON form. */
  configSchema: Record<string, unknown> | null;
  ports: PortsDescription;
  /** The canvas summary as `{{field}}` templates, when the manifest gives them. */
  summaryTemplate: Text | null;
  /** For triggers: the event kinds that fire them. */
  events: string[];
  source: NodeTypeSource;
};

export const SVG_ICON_MAX = 16_384;
const TABLER_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What is wrong with an icon, or null: a Tabler name, or an SVG without scripts or event handlers. */
export function iconProblem(icon: unknown): string | null {
  if (typeof icon !== 'string' || icon.trim() === '') return 'icon must be a Tabler icon name or an SVG document';
  const svg = icon.trim();
  if (!svg.startsWith('<')) return TABLER_NAME.test(svg) ? null : `icon "${svg.slice(0, 40)}" is not a Tabler icon name (lowercase words joined by -, e.g. arrows-split)`;
  if (!/^<svg[\s>]/i.test(svg) || !/<\/svg>$/i.test(svg)) return 'an SVG icon must be one <svg>…</svg> document';
  if (svg.length > SVG_ICON_MAX) return `an SVG icon may be at most ${SVG_ICON_MAX} characters`;
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(svg)) return 'an SVG icon may not carry scripts, event handlers or foreign objects';
  return null;
}

export function describeIcon(icon: string): NodeTypeIcon {
  const trimmed = icon.trim();
  return trimmed.startsWith('<') ? { kind: 'svg', svg: trimmed } : { kind: 'tabler', name: trimmed };
}

function configSchemaOf(schema: z.ZodType): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return null;
  }
}

type JsonObject = { properties?: Record<string, { const?: unknown }> };

/** The field a top-level union is discriminated by, and its values, e.g. wait's mode. */
function discriminatorOf(schema: Record<string, unknown> | null): { field: string; values: string[] } | null {
  const variants = (schema?.oneOf ?? schema?.anyOf) as JsonObject[] | undefined;
  if (!Array.isArray(variants) || variants.length < 2) return null;
  const first = Object.entries(variants[0]?.properties ?? {}).filter(([, p]) => typeof p.const === 'string');
  for (const [field] of first) {
    const values = variants.map((v) => v.properties?.[field]?.const);
    if (values.every((v): v is string => typeof v === 'string')) return { field, values };
  }
  return null;
}

function portsFor(manifest: AnyNodeManifest, config: Record<string, unknown>): PortSpec[] {
  const parsed = manifest.config.safeParse(config);
  try {
    return manifest.ports((parsed.success ? parsed.data : config) as never).map((p) => ({ id: p.id, label: p.label }));
  } catch {
    return [];
  }
}

function describePorts(manifest: AnyNodeManifest, schema: Record<string, unknown> | null): PortsDescription {
  const byField = discriminatorOf(schema);
  if (!byField) return { kind: 'static', ports: portsFor(manifest, {}) };
  const cases = Object.fromEntries(byField.values.map((v) => [v, portsFor(manifest, { [byField.field]: v })]));
  const all = Object.values(cases).map((ports) => JSON.stringify(ports));
  if (all.every((p) => p === all[0])) return { kind: 'static', ports: cases[byField.values[0]!] ?? [] };
  return { kind: 'by-field', field: byField.field, cases, otherwise: portsFor(manifest, {}) };
}

/** A manifest as JSON for the designer. Pure: the same manifest always gives the same description. */
export function describeNodeType(manifest: AnyNodeManifest, source: NodeTypeSource = { kind: 'builtin' }): NodeTypeDescription {
  const configSchema = configSchemaOf(manifest.config);
  return {
    type: manifest.type,
    version: manifest.version,
    category: manifest.category,
    title: manifest.title,
    description: manifest.description,
    aliases: manifest.aliases ?? [],
    icon: describeIcon(manifest.icon),
    configSchema,
    ports: describePorts(manifest, configSchema),
    summaryTemplate: manifest.summaryTemplate ?? null,
    events: manifest.category === 'trigger' ? [...manifest.events] : [],
    source,
  };
}

/** Fills a summary template: `{{percent}}` → the config's value there; lists are joined, missing values left empty. */
export function fillSummaryTemplate(template: string, config: unknown): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = config;
    for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(value)) return value.join(', ');
    return value === undefined || value === null ? '' : String(value);
  });
}
