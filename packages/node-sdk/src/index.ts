export * from './context.ts';
export * from './manifest.ts';
export * from './define.ts';
export * from './failure.ts';
export * from './version.ts';

// What a node author needs of the journey graph, so a plugin depends on the SDK alone.
export { EventFilter, LANGS, matchesEvent, text } from '@sopline/graph';
export type { ConfigProblem, CustomerEvent, EventKind, Lang, NodeCategory, NodeReference, PortSpec, Text } from '@sopline/graph';
