// The browser's view of the registry: built-in node types only (no plugin loading, no Node APIs).
import { builtinNodes } from './builtins.ts';
import { createRegistry } from './registry.ts';

export { builtinNodes } from './builtins.ts';
export { createRegistry } from './registry.ts';
export type { Registry } from './registry.ts';
export { findTemplate, instantiateTemplate, JOURNEY_TEMPLATES, paramRule, paramsSchema, parseTemplateParams, retailLifecycleExample, revisitDays } from './templates/index.ts';
export type { Instantiated, JourneyTemplate, NumberParam, ParamProblem, ParsedParams, TemplateCategory, TemplateParam, TemplateParamValues, TextParam } from './templates/index.ts';

/** Exit reasons by label, for screens that show how a run ended (the customer's journeys, a simulation). */
export { EXIT_REASONS, exitReasonLabel } from '@sopline/node-exit';

export const defaultRegistry = createRegistry(builtinNodes);
