// The browser's view of the registry: the built-in node types' manifests (no executors, no plugin
// loading, no Node APIs). Plugins' node types reach the designer at run time through `nodeTypes.list`.
import type { AnyNodeManifest } from '@sopline/node-sdk';
import { builtinManifests } from './manifests.ts';

export { builtinManifests } from './manifests.ts';
export { describeIcon, describeNodeType, fillSummaryTemplate } from './describe.ts';
export type { NodeTypeDescription, NodeTypeIcon, NodeTypeSource, PortsDescription } from './describe.ts';
export { findTemplate, instantiateTemplate, JOURNEY_TEMPLATES, paramRule, paramsSchema, parseTemplateParams, retailLifecycleExample, revisitDays } from './templates/index.ts';
export type { Instantiated, JourneyTemplate, NumberParam, ParamProblem, ParsedParams, TemplateCategory, TemplateParam, TemplateParamValues, TextParam } from './templates/index.ts';

/** Exit reasons by label, for screens that show how a run ended (the customer's journeys, a simulation). */
export { EXIT_REASONS, exitReasonLabel } from '@sopline/node-exit/manifest';

/** Node type manifests by type, in palette order. */
export type ManifestCatalog = { get(type: string): AnyNodeManifest | undefined; list(): AnyNodeManifest[] };

export function createManifestCatalog(manifests: readonly AnyNodeManifest[]): ManifestCatalog {
  const byType = new Map(manifests.map((m) => [m.type, m]));
  return { get: (type) => byType.get(type), list: () => [...byType.values()] };
}

export const defaultCatalog = /* @__PURE__ */ createManifestCatalog(builtinManifests);
/** The same catalogue under its former name (tests and screens that list the built-ins). */
export const defaultRegistry = defaultCatalog;
