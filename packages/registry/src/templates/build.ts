import type { JourneyGraphInput, Lang, Text } from '@sopline/graph';

type Node = JourneyGraphInput['nodes'][number];
type Edge = JourneyGraphInput['edges'][number];

const ROW = 140;
const COLUMN = 280;

/**
 * Writes a template's graph in one language. Nodes sit on a grid (column, row) so journeys read top
 * to bottom; an edge's id is `source.port`, so each port's wire has a name tests can point at.
 */
export function graphWriter(lang: Lang) {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const say = (t: Text) => t[lang];
  return {
    say,
    node(id: string, type: string, config: Record<string, unknown>, at: [column: number, row: number], label?: Text) {
      nodes.push({ id, type, config, position: { x: at[0] * COLUMN, y: at[1] * ROW }, ...(label ? { label: say(label) } : {}) });
    },
    /** A send-script node: the task's title and the script, in the writer's language. */
    script(id: string, at: [number, number], title: Text, script: Text, options: { priority?: 'low' | 'normal' | 'high'; afterMinutes?: number } = {}) {
      const config: Record<string, unknown> = { title: say(title), script: say(script), priority: options.priority ?? 'normal' };
      if (options.afterMinutes) config.due = { afterMinutes: options.afterMinutes };
      nodes.push({ id, type: 'send-script', config, position: { x: at[0] * COLUMN, y: at[1] * ROW }, label: say(title) });
    },
    wire(source: string, port: string, target: string) {
      edges.push({ id: `${source}.${port}`, source, sourcePort: port, target });
    },
    graph(): Pick<JourneyGraphInput, 'nodes' | 'edges'> {
      return { nodes, edges };
    },
  };
}

