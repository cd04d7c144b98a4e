import type { JourneyGraphInput } from '@sopline/graph';

type Node = JourneyGraphInput['nodes'][number];
type Edge = JourneyGraphInput['edges'][number];

const CHAIN: Array<(i: number) => Pick<Node, 'type' | 'config'>> = [
  (i) => ({ type: 'send-script', config: { title: `话术 ${i}`, script: `{{customer.name}} 您好，这是第 ${i} 条跟进。` } }),
  (i) => ({ type: 'wait', config: { mode: 'duration', amount: 1 + (i % 5), unit: 'days' } }),
  (i) => ({ type: 'add-tag', config: { tags: [`t${i % 7}`] } }),
  (i) => ({ type: 'set-stage', config: { stage: i % 2 === 0 ? 'paid' : 'repeat' } }),
];

/**
 * A deterministic journey of exactly `size` nodes, shaped like a large real one: a manual trigger,
 * then chains (script → wait → tag → stage) each ending in a tag branch whose yes/no ports start
 * further chains, breadth first, until the budget is spent; every open end gets an exit, so every
 * port is wired. Laid out as a tree (children under their parent, leaves side by side).
 */
export function largeJourney(size: number): JourneyGraphInput {
  const nodes: Node[] = [{ id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } }];
  const edges: Edge[] = [];
  const children = new Map<string, string[]>();
  const link = (source: string, sourcePort: string, target: string) => {
    edges.push({ id: `e${edges.length + 1}`, source, sourcePort, target });
    children.set(source, [...(children.get(source) ?? []), target]);
  };
  const open: Array<{ id: string; port: string }> = [{ id: 'start', port: 'out' }];
  let n = 0;
  const add = (make: Pick<Node, 'type' | 'config'>, from: { id: string; port: string }) => {
    n += 1;
    const id = `n${n}`;
    nodes.push({ id, ...make, position: { x: 0, y: 0 } });
    link(from.id, from.port, id);
    return id;
  };
  // Every open end will need one exit: nodes + open ends never exceed the budget.
  while (open.length > 0 && nodes.length + open.length < size) {
    let end = open.shift()!;
    for (let k = 0; k < CHAIN.length && nodes.length + open.length + 1 < size; k += 1) end = { id: add(CHAIN[k]!(n + 1), end), port: 'out' };
    if (nodes.length + open.length + 2 <= size) {
      const branch = add({ type: 'branch-tag', config: { tags: [`t${n % 7}`], match: 'any', mode: 'has' } }, end);
      open.push({ id: branch, port: 'yes' }, { id: branch, port: 'no' });
    } else {
      open.push(end);
      break;
    }
  }
  for (const end of open) add({ type: 'exit', config: {} }, end);

  // Tree layout: leaves get consecutive columns, a parent sits above the middle of its children.
  const byId = new Map(nodes.map((node) => [node.id, node]));
  let column = 0;
  const place = (id: string, depth: number): number => {
    const kids = children.get(id) ?? [];
    const x = kids.length === 0 ? column++ : kids.map((kid) => place(kid, depth + 1)).reduce((a, b) => a + b, 0) / kids.length;
    byId.get(id)!.position = { x: Math.round(x * 260), y: depth * 140 };
    return x;
  };
  place('start', 0);
  return { settings: { reentry: 'never', goal: null }, nodes, edges };
}
