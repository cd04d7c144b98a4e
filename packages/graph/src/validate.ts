import type { z } from 'zod';
import type { NodeCatalog, NodeTypeInfo, PortSpec } from './catalog.ts';
import type { Problem } from './problems.ts';
import { messages } from './problems.ts';
import { JourneyGraph, LIMITS } from './schema.ts';

export type ValidationResult =
  | { ok: true; graph: JourneyGraph; problems: Problem[] }
  | { ok: false; graph: JourneyGraph | null; problems: Problem[] };

function issueText(issue: z.core.$ZodIssue): string {
  return issue.message;
}

function pathText(path: PropertyKey[]): string {
  return path.length === 0 ? '/' : path.map(String).join('.');
}

/**
 * Checks a journey graph and returns every problem found, each addressed to a node or edge id.
 * Never throws, whatever it is given. `ok` is true when no problem is an error.
 */
export function validateGraph(input: unknown, catalog: NodeCatalog): ValidationResult {
  const problems: Problem[] = [];
  const parsed = JourneyGraph.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 50)) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'too_big' && path.length === 1 && path[0] === 'nodes') {
        problems.push({ code: 'graph.too-many-nodes', severity: 'error', path, message: messages.tooManyNodes(LIMITS.nodes) });
      } else if (issue.code === 'too_big' && path.length === 1 && path[0] === 'edges') {
        problems.push({ code: 'graph.too-many-edges', severity: 'error', path, message: messages.tooManyEdges(LIMITS.edges) });
      } else {
        problems.push({ code: 'graph.invalid', severity: 'error', path, message: messages.invalidDocument(pathText(path), issueText(issue)) });
      }
    }
    return { ok: false, graph: null, problems };
  }
  const graph = parsed.data;
  const nodes = new Map<string, { node: JourneyGraph['nodes'][number]; info: NodeTypeInfo | undefined; config: unknown; configOk: boolean }>();

  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      problems.push({ code: 'node.duplicate-id', severity: 'error', nodeId: node.id, message: messages.duplicateNodeId(node.id) });
      continue;
    }
    const info = catalog.get(node.type);
    let config: unknown = node.config;
    let configOk = false;
    if (!info) {
      problems.push({ code: 'node.unknown-type', severity: 'error', nodeId: node.id, message: messages.unknownNodeType(node.type) });
    } else if (node.typeVersion > info.version) {
      problems.push({ code: 'node.unsupported-version', severity: 'error', nodeId: node.id, message: messages.unsupportedVersion(node.type, node.typeVersion, info.version) });
    } else {
      const result = info.config.safeParse(node.config);
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, 20)) {
          const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
          problems.push({ code: 'node.invalid-config', severity: 'error', nodeId: node.id, path, message: messages.invalidConfig(`${pathText(path)}: ${issueText(issue)}`) });
        }
      } else {
        config = result.data;
        configOk = true;
        for (const p of safeCall(() => info.validate?.(config) ?? [], [])) {
          problems.push({ code: p.code, severity: 'error', nodeId: node.id, path: p.path, message: p.message });
        }
      }
    }
    nodes.set(node.id, { node, info, config, configOk });
  }

  const seenEdges = new Set<string>();
  const outgoing = new Map<string, Map<string, string[]>>();
  const incoming = new Map<string, number>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) {
      problems.push({ code: 'edge.duplicate-id', severity: 'error', edgeId: edge.id, message: messages.duplicateEdgeId(edge.id) });
      continue;
    }
    seenEdges.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) problems.push({ code: 'edge.unknown-source', severity: 'error', edgeId: edge.id, message: messages.edgeUnknownSource(edge.source) });
    if (!target) problems.push({ code: 'edge.unknown-target', severity: 'error', edgeId: edge.id, message: messages.edgeUnknownTarget(edge.target) });
    if (!source || !target) continue;
    if (edge.source === edge.target) {
      problems.push({ code: 'edge.self', severity: 'error', edgeId: edge.id, nodeId: edge.source, message: messages.edgeSelf() });
      continue;
    }
    if (source.info && source.configOk) {
      const ports = portsOf(source.info, source.config).map((p) => p.id);
      if (!ports.includes(edge.sourcePort)) {
        problems.push({ code: 'edge.unknown-port', severity: 'error', edgeId: edge.id, nodeId: edge.source, message: messages.edgeUnknownPort(edge.sourcePort) });
        continue;
      }
    }
    const byPort = outgoing.get(edge.source) ?? new Map<string, string[]>();
    byPort.set(edge.sourcePort, [...(byPort.get(edge.sourcePort) ?? []), edge.target]);
    outgoing.set(edge.source, byPort);
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  }

  // Ports: each one leads to exactly one next step.
  for (const { node, info, config, configOk } of nodes.values()) {
    if (!info || !configOk) continue;
    const byPort = outgoing.get(node.id);
    for (const { id: port, label } of portsOf(info, config)) {
      const targets = byPort?.get(port) ?? [];
      if (targets.length === 0) problems.push({ code: 'port.unwired', severity: 'error', nodeId: node.id, path: ['ports', port], message: messages.portUnwired(label) });
      if (targets.length > 1) problems.push({ code: 'port.many-edges', severity: 'error', nodeId: node.id, path: ['ports', port], message: messages.portManyEdges(label) });
    }
  }

  // Exactly one trigger, with nothing flowing into it.
  const triggers = [...nodes.values()].filter((n) => n.info?.category === 'trigger');
  if (triggers.length === 0) problems.push({ code: 'graph.no-trigger', severity: 'error', message: messages.noTrigger() });
  if (triggers.length > 1) {
    for (const t of triggers) problems.push({ code: 'graph.many-triggers', severity: 'error', nodeId: t.node.id, message: messages.manyTriggers(triggers.length) });
  }
  for (const t of triggers) {
    if ((incoming.get(t.node.id) ?? 0) > 0) problems.push({ code: 'trigger.has-input', severity: 'error', nodeId: t.node.id, message: messages.triggerHasInput() });
  }

  const successors = (id: string): string[] => [...(outgoing.get(id)?.values() ?? [])].flat();

  // Reachability from the trigger.
  if (triggers.length === 1) {
    const start = triggers[0]!.node.id;
    const seen = new Set<string>([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const next of successors(stack.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    for (const id of nodes.keys()) {
      if (!seen.has(id)) problems.push({ code: 'node.unreachable', severity: 'error', nodeId: id, message: messages.unreachable() });
    }
  }

  // Loops must pass through a wait: look for cycles among the nodes that are not waits.
  const isWait = (id: string) => nodes.get(id)?.info?.category === 'wait';
  for (const component of stronglyConnected([...nodes.keys()].filter((id) => !isWait(id)), (id) => successors(id).filter((s) => !isWait(s)))) {
    for (const id of component) problems.push({ code: 'graph.loop-without-wait', severity: 'error', nodeId: id, message: messages.loopWithoutWait() });
  }

  const ok = !problems.some((p) => p.severity === 'error');
  return ok ? { ok: true, graph, problems } : { ok: false, graph, problems };
}

function portsOf(info: NodeTypeInfo, config: unknown): PortSpec[] {
  return safeCall(() => info.ports(config), []);
}

function safeCall<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Tarjan's algorithm, iterative; returns only components that contain a cycle. */
function stronglyConnected(ids: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  const allowed = new Set(ids);
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; children: string[]; i: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id).filter((c) => allowed.has(c)), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i]!;
        frame.i += 1;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && frame.children.includes(frame.id);
        if (component.length > 1 || selfLoop) result.push(component);
      }
    }
  }
  return result;
}
