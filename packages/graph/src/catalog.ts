import type { z } from 'zod';
import type { Text } from './text.ts';

export type NodeCategory = 'trigger' | 'wait' | 'condition' | 'action' | 'exit';

export type PortSpec = { id: string; label: Text };

/** A problem a node type finds in its own (schema-valid) config, e.g. an unknown script variable. */
export type ConfigProblem = { code: string; path: (string | number)[]; message: Text };

/**
 * Something of the workspace's a node's config names: a customer property (a date wait reads a date
 * property; a script any property it shows) or a lifecycle stage. Publishing checks each against the
 * workspace's catalogues, so a journey never waits on a property nobody defined or sets a stage that
 * is not in the funnel. `path` points the designer at the field.
 */
export type NodeReference =
  | { kind: 'property'; key: string; type?: 'text' | 'number' | 'date'; path: (string | number)[] }
  | { kind: 'stage'; code: string; path: (string | number)[] };

/**
 * What the validator needs to know about a node type. node-sdk's definitions satisfy it; the graph
 * package stays free of executors, the DB and Temporal.
 */
export interface NodeTypeInfo {
  type: string;
  version: number;
  category: NodeCategory;
  config: z.ZodType;
  ports(config: unknown): PortSpec[];
  validate?(config: unknown): ConfigProblem[];
  /** What of the workspace's catalogues the (schema-valid) config names. */
  reads?(config: unknown): NodeReference[];
}

export interface NodeCatalog {
  get(type: string): NodeTypeInfo | undefined;
}
