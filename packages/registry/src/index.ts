import { builtinNodes } from './builtins.ts';
import { createRegistry } from './registry.ts';

export { builtinNodes } from './builtins.ts';
export { B2B_STAGES, RETAIL_STAGES } from '@sopline/node-set-stage';
export { createRegistry, describeNodeTypes } from './registry.ts';
export type { PluginOrigins, Registry } from './registry.ts';
export { builtinManifests } from './manifests.ts';
export { describeIcon, describeNodeType, fillSummaryTemplate, iconProblem } from './describe.ts';
export type { NodeTypeDescription, NodeTypeIcon, NodeTypeSource, PortsDescription } from './describe.ts';
export { definitionProblems, importPlugin, loadRegistry, sdkCompatibilityProblem } from './plugins.ts';
export { PLUGIN_API_VERSION } from '@sopline/node-sdk';
export type { LoadRegistryOptions } from './plugins.ts';
export { findTemplate, instantiateTemplate, JOURNEY_TEMPLATES, paramRule, paramsSchema, parseTemplateParams, retailLifecycleExample, revisitDays } from './templates/index.ts';
export type { Instantiated, JourneyTemplate, NumberParam, ParamProblem, ParsedParams, TemplateCategory, TemplateParam, TemplateParamValues, TextParam } from './templates/index.ts';

/** The built-in node types only; use `loadRegistry` when plugins are configured. */
export const defaultRegistry = createRegistry(builtinNodes);
