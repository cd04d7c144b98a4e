import type { JourneyGraphInput } from '@sopline/graph';
import type { DemoWords } from './words.ts';

const at = (row: number) => ({ x: 0, y: row * 140 });

/**
 * The demo's win-back journey for dormant (沉睡) and churned (流失) customers: two touches a week
 * apart, and a goal that ends it the moment the customer buys again; the silent ones become churned. Enrolled by hand or in bulk
 * (the dashboards' one-click win-back).
 */
export const winBackGraph = ({ winBack: w, tags }: DemoWords): JourneyGraphInput => ({
  settings: { reentry: 'after-exit', goal: { kind: 'purchase' } },
  nodes: [
    { id: 'trigger', type: 'trigger-manual', config: {}, position: at(0), label: w.trigger },
    {
      id: 'touch-1',
      type: 'send-script',
      config: { title: w.giftTitle, script: w.gift, priority: 'high' },
      position: at(1),
      label: w.giftLabel,
    },
    { id: 'wait-1', type: 'wait', config: { mode: 'duration', amount: 7, unit: 'days' }, position: at(2) },
    {
      id: 'touch-2',
      type: 'send-script',
      config: { title: w.newTitle, script: w.news },
      position: at(3),
      label: w.newsLabel,
    },
    { id: 'wait-2', type: 'wait', config: { mode: 'duration', amount: 14, unit: 'days' }, position: at(4) },
    { id: 'untag-dormant', type: 'remove-tag', config: { tags: [tags.dormant] }, position: at(5) },
    { id: 'tag-churned', type: 'add-tag', config: { tags: [tags.churned] }, position: at(6) },
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
});
