import { builtinNodes } from './builtins.ts';
import { createRegistry } from './registry.ts';

export { builtinNodes } from './builtins.ts';
export { B2B_STAGES, RETAIL_STAGES } from '@sopline/node-set-stage';
export { createRegistry } from './registry.ts';
export type { Registry } from './registry.ts';
export { definitionProblems, importPlugin, loadRegistry } from './plugins.ts';
export type { LoadRegistryOptions } from './plugins.ts';
export { findTemplate, instantiateTemplate, JOURNEY_TEMPLATES, paramRule, paramsSchema, parseTemplateParams, retailLifecycleExample, revisitDays } from './templates/index.ts';
export type { Instantiated, JourneyTemplate, NumberParam, ParamProblem, ParsedParams, TemplateCategory, TemplateParam, TemplateParamValues, TextParam } from './templates/index.ts';

/** The built-in node types only; use `loadRegistry` when plugins are configured. */
export const defaultRegistry = createRegistry(builtinNodes);
