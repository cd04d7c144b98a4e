import type { JourneyGraphInput } from '@sopline/graph';

const at = (row: number) => ({ x: 0, y: row * 140 });

/**
 * The demo's win-back journey for dormant (沉睡) and churned (流失) customers: two touches a week
 * apart, and a goal that ends it the moment the customer buys again; the silent ones become churned. Enrolled by hand or in bulk
 * (the dashboards' one-click win-back).
 */
export const winBackGraph: JourneyGraphInput = {
  settings: { reentry: 'after-exit', goal: { kind: 'purchase' } },
  nodes: [
    { id: 'trigger', type: 'trigger-manual', config: {}, position: at(0), label: '批量召回' },
    {
      id: 'touch-1',
      type: 'send-script',
      config: { title: '沉睡召回：专属回归礼', script: '{{customer.name}}您好，好久不见！为您准备了一份老客专属回归礼，本周下单立减 30 元，需要的话我帮您留一份～', priority: 'high' },
      position: at(1),
      label: '回归礼',
    },
    { id: 'wait-1', type: 'wait', config: { mode: 'duration', amount: 7, unit: 'days' }, position: at(2) },
    {
      id: 'touch-2',
      type: 'send-script',
      config: { title: '沉睡召回：新品推荐', script: '{{customer.name}}您好，上次您买的{{lastPurchase.product}}用得怎么样？这周上了几款新品，给您发几张图看看？' },
      position: at(3),
      label: '新品推荐',
    },
    { id: 'wait-2', type: 'wait', config: { mode: 'duration', amount: 14, unit: 'days' }, position: at(4) },
    { id: 'untag-dormant', type: 'remove-tag', config: { tags: ['沉睡', 'dormant'] }, position: at(5) },
    { id: 'tag-churned', type: 'add-tag', config: { tags: ['流失'] }, position: at(6) },
    { id: 'exit-no-response', type: 'exit', config: { reason: 'no-response' }, position: at(7) },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'touch-1' },
    { id: 'e2', source: 'touch-1', sourcePort: 'out', target: 'wait-1' },
    { id: 'e3', source: 'wait-1', sourcePort: 'out', target: 'touch-2' },
    { id: 'e4', source: 'touch-2', sourcePort: 'out', target: 'wait-2' },
    { id: 'e5', source: 'wait-2', sourcePort: 'out', target: 'untag-dormant' },
    { id: 'e6', source: 'untag-dormant', sourcePort: 'out', target: 'tag-churned' },
    { id: 'e7', source: 'tag-churned', sourcePort: 'out', target: 'exit-no-response' },
  ],
};
