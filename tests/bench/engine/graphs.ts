import type { JourneyGraphInput } from '@sopline/graph';

type Node = JourneyGraphInput['nodes'][number];

function graph(nodes: Array<Omit<Node, 'position'>>, wires: Array<[string, string, string]>): JourneyGraphInput {
  return {
    settings: { reentry: 'never', goal: null },
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 140 } })),
    edges: wires.map(([source, sourcePort, target], i) => ({ id: `e${i + 1}`, source, sourcePort, target })),
  };
}

const script = (id: string, n: number): Omit<Node, 'position'> => ({
  id,
  type: 'send-script',
  config: { title: `跟进 ${n}`, script: `{{customer.name}} 您好，这是第 ${n} 次跟进。` },
});

/**
 * The reference journey of issue 6: 12 working nodes — a trigger, 3 waits, 2 branches, 3 send-script,
 * 2 tag nodes and a set-stage — plus the exit the validator requires at the end (every port wired).
 * Both ports of each branch lead on to the same next node, so every customer visits all 13 nodes:
 * 16 step records (13 visits + 3 resumptions after a wait), 3 tasks, 4 runs of steps (start + one
 * per wait) and 3 timers per customer.
 * The waits are the bench plugin's seconds wait (wait-seconds.ts): the built-in wait's shortest is 1 minute.
 */
export function referenceJourney(waitSeconds: number): JourneyGraphInput {
  const wait = (id: string): Omit<Node, 'position'> => ({ id, type: 'bench-wait-seconds', config: { seconds: waitSeconds } });
  return graph(
    [
      { id: 'start', type: 'trigger-manual', config: {} },
      script('s1', 1),
      wait('w1'),
      { id: 'b1', type: 'branch-tag', config: { tags: ['vip'], match: 'any', mode: 'has' } },
      { id: 't1', type: 'add-tag', config: { tags: ['bench-a'] } },
      wait('w2'),
      script('s2', 2),
      { id: 'b2', type: 'branch-purchase', config: { minCount: 1 } },
      { id: 't2', type: 'add-tag', config: { tags: ['bench-b'] } },
      wait('w3'),
      script('s3', 3),
      { id: 'stage', type: 'set-stage', config: { stage: 'repeat' } },
      { id: 'end', type: 'exit', config: {} },
    ],
    [
      ['start', 'out', 's1'],
      ['s1', 'out', 'w1'],
      ['w1', 'out', 'b1'],
      ['b1', 'yes', 't1'],
      ['b1', 'no', 't1'],
      ['t1', 'out', 'w2'],
      ['w2', 'out', 's2'],
      ['s2', 'out', 'b2'],
      ['b2', 'yes', 't2'],
      ['b2', 'no', 't2'],
      ['t2', 'out', 'w3'],
      ['w3', 'out', 's3'],
      ['s3', 'out', 'stage'],
      ['stage', 'out', 'end'],
    ],
  );
}
export const REFERENCE_WORKING_NODES = 12;
export const REFERENCE_TIMERS = 3;
/** Runs of steps per customer: the start, then one after each wait. */
export const REFERENCE_RUNS = 4;

/** Customers wait for a purchase (30 days at most); a purchase leads to a task, then out. */
export function waitForPurchaseJourney(): JourneyGraphInput {
  return graph(
    [
      { id: 'start', type: 'trigger-manual', config: {} },
      { id: 'wait', type: 'wait-for-event', config: { event: { kind: 'purchase' }, timeout: { amount: 30, unit: 'days' } } },
      script('thanks', 1),
      { id: 'end', type: 'exit', config: {} },
      { id: 'timeout', type: 'exit', config: {} },
    ],
    [
      ['start', 'out', 'wait'],
      ['wait', 'matched', 'thanks'],
      ['wait', 'timeout', 'timeout'],
      ['thanks', 'out', 'end'],
    ],
  );
}
