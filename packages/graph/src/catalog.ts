import type { z } from 'zod';
import type { Text } from './text.ts';

export type NodeCategory = 'trigger' | 'wait' | 'condition' | 'action' | 'exit';

export type PortSpec = { id: string; label: Text };

/** A problem a node type finds in its own (schema-valid) config, e.g. an unknown script variable. */
export type ConfigProblem = { code: string; path: (string | number)[]; message: Text };

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
}

export interface NodeCatalog {
  get(type: string): NodeTypeInfo | undefined;
}
