import type { JourneyNode } from '@sopline/graph';
import type { StepContext, StepResult, WaitSpec } from '@sopline/node-sdk';
import { PermanentStepError } from '@sopline/node-sdk';
import type { CompiledJourney } from '../journeys/compile.ts';
import type { NodeRegistry } from '../ports.ts';
import { failures } from './failure.ts';

/** Where a walk of instant steps stopped. */
export type Walked =
  | { kind: 'wait'; node: JourneyNode; wait: WaitSpec }
  | { kind: 'exit'; node: JourneyNode; reason: string }
  /** A way out with nothing drawn after it (`node`: the last node run; null when there was none). */
  | { kind: 'end'; node: JourneyNode | null }
  | { kind: 'loop-guard'; node: JourneyNode };

/**
 * THE interpreter of a journey: from a node's way out, runs every instant node (resolving its type,
 * parsing its config, calling its executor, following the port it names) up to the next wait, an exit
 * or the end. The engine (runSteps, effects written in a transaction) and the designer's simulation
 * (effects recorded in memory, time jumping from wait to wait) both walk with this; they differ only in
 * the StepContext they give the nodes, in what `record` keeps, and in what they do at a wait.
 *
 * A node type not installed, a config that no longer parses, or a node's own PermanentStepError is a
 * PermanentFailure (see failure.ts); any other error is the caller's to retry. `skip` passes one node by
 * its first way out without running it (an operator's answer to a failed step).
 */
export async function walkSteps(args: {
  journey: CompiledJourney;
  registry: NodeRegistry;
  from: { nodeId: string; port: string };
  context: (node: JourneyNode) => StepContext | Promise<StepContext>;
  record: (node: JourneyNode, outcome: string, detail?: Record<string, unknown> | null) => unknown;
  /** True when one more step would exceed the loop guard (given the steps run so far in this walk). */
  tripped: (stepsThisWalk: number) => boolean;
  skip?: string | null;
}): Promise<Walked> {
  const { journey, registry, record } = args;
  let skip = args.skip ?? null;
  let last: JourneyNode | null = null;
  let node = journey.next(args.from.nodeId, args.from.port);
  let steps = 0;
  while (node) {
    steps += 1;
    if (args.tripped(steps)) {
      await record(node, 'loop-guard');
      return { kind: 'loop-guard', node };
    }
    let port: string | undefined;
    if (node.id === skip) {
      skip = null;
      port = journey.firstPort(node.id);
      await record(node, 'skipped', { port: port ?? null });
    } else {
      const result = await runNode(registry, node, await args.context(node));
      if ('wait' in result) {
        await record(node, 'wait', { until: result.wait.until?.toISOString() ?? null, event: result.wait.event?.kind ?? null });
        return { kind: 'wait', node, wait: result.wait };
      }
      if ('exit' in result) {
        await record(node, `exit:${result.exit}`);
        return { kind: 'exit', node, reason: result.exit };
      }
      port = result.next;
      await record(node, port);
    }
    last = node;
    node = port === undefined ? undefined : journey.next(node.id, port);
  }
  return { kind: 'end', node: last };
}

/** One node: its type, its config as the type parses it, and its executor — or why it cannot run. */
async function runNode(registry: NodeRegistry, node: JourneyNode, ctx: StepContext): Promise<StepResult> {
  const def = registry.get(node.type);
  if (!def) throw failures.nodeTypeMissing(node);
  const parsed = def.config.safeParse(node.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw failures.configInvalid(node, issue ? `${issue.path.join('.') || 'config'}: ${issue.message}` : 'config', parsed.error);
  }
  try {
    return await def.execute(ctx, parsed.data as never);
  } catch (err) {
    if (err instanceof PermanentStepError) throw failures.nodeFailed(node, err.text, err);
    throw err;
  }
}
