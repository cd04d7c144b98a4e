import type { JourneyGraphInput } from '@sopline/graph';

type Node = JourneyGraphInput['nodes'][number];

const ROW = 140;
const COLUMN = 260;
/** Laid out top to bottom: the main line in the middle, "bought" on the left, "not yet" on the right. */
const at = (column: -1 | 0 | 1, row: number) => ({ x: column * COLUMN, y: row * ROW });

const nodes: Node[] = [
  { id: 'trigger', type: 'trigger-customer-created', config: {}, position: at(0, 0), label: '新客户加入' },
  {
    id: 'welcome',
    type: 'send-script',
    config: { title: '发送欢迎语', script: '{{customer.name}}您好，欢迎加入！我是您的专属顾问{{owner.name}}，有任何问题随时找我～', priority: 'high' },
    position: at(0, 1),
    label: '欢迎语',
  },
  { id: 'wait-3d', type: 'wait', config: { mode: 'duration', amount: 3, unit: 'days' }, position: at(0, 2) },
  { id: 'bought', type: 'branch-purchase', config: {}, position: at(0, 3), label: '已下单？' },
  // Bought: move to paid, mark the first order, follow up on use.
  { id: 'stage-paid', type: 'set-stage', config: { stage: 'paid' }, position: at(-1, 4) },
  { id: 'tag-first-order', type: 'add-tag', config: { tags: ['first-order'] }, position: at(-1, 5) },
  {
    id: 'follow-up',
    type: 'send-script',
    config: { title: '首单回访', script: '{{customer.name}}您好，您购买的{{lastPurchase.product}}收到了吗？使用中有任何问题都可以问我。', due: { afterMinutes: 60 } },
    position: at(-1, 6),
    label: '首单回访',
  },
  { id: 'exit-purchased', type: 'exit', config: { reason: 'purchased' }, position: at(-1, 7) },
  // Not yet: a time-limited offer, then a week to act on it.
  {
    id: 'offer',
    type: 'send-script',
    config: { title: '发送限时优惠', script: '{{customer.name}}您好，新人专享优惠本周内有效，需要的话我帮您下单～' },
    position: at(1, 4),
    label: '限时优惠',
  },
  { id: 'wait-purchase', type: 'wait-for-event', config: { event: { kind: 'purchase' }, timeout: { amount: 7, unit: 'days' } }, position: at(1, 5) },
  { id: 'stage-paid-late', type: 'set-stage', config: { stage: 'paid' }, position: at(0, 6) },
  { id: 'exit-converted', type: 'exit', config: { reason: 'purchased-after-offer' }, position: at(0, 7) },
  { id: 'tag-dormant', type: 'add-tag', config: { tags: ['dormant'] }, position: at(1, 6) },
  { id: 'exit-dormant', type: 'exit', config: { reason: 'dormant' }, position: at(1, 7) },
];

const wires: Array<[source: string, port: string, target: string]> = [
  ['trigger', 'out', 'welcome'],
  ['welcome', 'out', 'wait-3d'],
  ['wait-3d', 'out', 'bought'],
  ['bought', 'yes', 'stage-paid'],
  ['stage-paid', 'out', 'tag-first-order'],
  ['tag-first-order', 'out', 'follow-up'],
  ['follow-up', 'out', 'exit-purchased'],
  ['bought', 'no', 'offer'],
  ['offer', 'out', 'wait-purchase'],
  ['wait-purchase', 'matched', 'stage-paid-late'],
  ['stage-paid-late', 'out', 'exit-converted'],
  ['wait-purchase', 'timeout', 'tag-dormant'],
  ['tag-dormant', 'out', 'exit-dormant'],
];

/**
 * A realistic retail onboarding journey built from the built-in node types, reused by integration
 * tests and the demo seed. Treat it as read-only: `structuredClone` it before changing anything.
 */
export const retailLifecycleExample: JourneyGraphInput = {
  nodes,
  edges: wires.map(([source, sourcePort, target]) => ({ id: `${source}.${sourcePort}`, source, sourcePort, target })),
  settings: { reentry: 'never', goal: null },
};
