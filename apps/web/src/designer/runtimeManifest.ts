import type { Lang, PortSpec } from '@sopline/graph';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import type { NodeTypeDescription, PortsDescription } from '@sopline/registry/browser';
import { fillSummaryTemplate } from '@sopline/registry/browser';
import { hasBundledIcon } from './canvas/icons.ts';
import { z } from 'zod';

function portsOf(ports: PortsDescription, config: unknown): PortSpec[] {
  if (ports.kind === 'static') return ports.ports;
  const value = config !== null && typeof config === 'object' ? (config as Record<string, unknown>)[ports.field] : undefined;
  return (typeof value === 'string' ? ports.cases[value] : undefined) ?? ports.otherwise;
}

function configOf(schema: Record<string, unknown> | null): z.ZodType {
  if (!schema) return z.looseObject({});
  try {
    return z.fromJSONSchema(schema);
  } catch {
    return z.looseObject({});
  }
}

/**
 * A node type the server described (nodeTypes.list) as a manifest the designer can use like a bundled
 * one: the config schema rebuilt from its JSON Schema (defaults, bounds and field labels kept), ports from
 * their description, the summary from the template. How a plugin's node reaches the designer without a
 * web rebuild.
 */
export function manifestOf(d: NodeTypeDescription): AnyNodeManifest {
  const base = {
    type: d.type,
    version: d.version,
    title: d.title,
    description: d.description,
    // A Tabler icon the web app bundles is drawn as its component; any other comes as its SVG from the server.
    icon: d.icon.kind === 'svg' ? d.icon.svg : d.icon.svg && !hasBundledIcon(d.icon.name) ? d.icon.svg : d.icon.name,
    aliases: d.aliases,
    config: configOf(d.configSchema),
    summary: (config: unknown, lang: Lang) => (d.summaryTemplate ? fillSummaryTemplate(d.summaryTemplate[lang], config) : d.title[lang]),
    ...(d.summaryTemplate ? { summaryTemplate: d.summaryTemplate } : {}),
    ports: (config: unknown) => portsOf(d.ports, config),
  };
  return d.category === 'trigger' ? { ...base, category: 'trigger', events: d.events as never } : { ...base, category: d.category };
}
