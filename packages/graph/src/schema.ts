import { z } from 'zod';
import { EventFilter } from './event.ts';
import { nestedDeeperThan, tooDeepMessage } from './json-depth.ts';

export const LIMITS = {
  nodes: 500,
  edges: 2000,
  nameLength: 120,
  script: 4000,
} as const;

export const NodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
export const PortId = z.string().min(1).max(64).regex(/^[a-z][a-z0-9-]*$/);

export const JourneyNode = z.object({
  id: NodeId,
  type: z.string().min(1).max(64),
  typeVersion: z.number().int().positive().default(1),
  config: z
    .record(z.string(), z.unknown())
    .refine((c) => !nestedDeeperThan(c), `config is ${tooDeepMessage}`)
    .default({}),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  label: z.string().max(LIMITS.nameLength).optional(),
});
export type JourneyNode = z.infer<typeof JourneyNode>;

export const JourneyEdge = z.object({
  id: z.string().min(1).max(64),
  source: NodeId,
  sourcePort: PortId.default('out'),
  target: NodeId,
});
export type JourneyEdge = z.infer<typeof JourneyEdge>;

/**
 * Re-entry: `never` — a customer enters once, ever; `after-exit` — again once the previous run ended;
 * `always` — every matching trigger starts a new run, even while one is in flight.
 */
export const ReentryRule = z.enum(['never', 'after-exit', 'always']);
export type ReentryRule = z.infer<typeof ReentryRule>;

export const JourneySettings = z.object({
  reentry: ReentryRule.default('never'),
  /** Reaching the goal ends the journey for that customer from wherever they are. */
  goal: EventFilter.nullable().default(null),
});
export type JourneySettings = z.infer<typeof JourneySettings>;

export const JourneyGraph = z.object({
  nodes: z.array(JourneyNode).max(LIMITS.nodes),
  edges: z.array(JourneyEdge).max(LIMITS.edges),
  settings: JourneySettings.default({ reentry: 'never', goal: null }),
});
export type JourneyGraph = z.infer<typeof JourneyGraph>;
export type JourneyGraphInput = z.input<typeof JourneyGraph>;
