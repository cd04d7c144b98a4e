import { text } from '@sopline/graph';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

const TAGS = {
  dormant: text('沉睡', 'dormant'),
  churned: text('流失', 'churned'),
};

/**
 * For customers tagged dormant: a personal check-in (about what they bought, when they bought),
 * a welcome-back coupon three days later and a reminder before it expires. Any purchase is the goal
 * and ends the journey; a customer who stays silent moves from dormant to churned. A customer may go
 * dormant again later, so re-entry is allowed once the previous run has ended.
 */
export const dormantWinBack: JourneyTemplate = {
  id: 'dormant-win-back',
  name: text('沉睡客户唤醒', 'Dormant win-back'),
  description: text('客户被标记为沉睡后：个性化问候、回归礼券、到期提醒；一旦下单即唤醒成功。', 'For customers tagged dormant: a personal check-in, a welcome-back coupon and a reminder; any purchase wins them back.'),
  category: 'retention',
  icon: 'bell',
  stages: [],
  settings: { reentry: 'after-exit', goal: { kind: 'purchase' } },
  params: [],
  build(lang) {
    const g = graphWriter(lang);
    const days = (amount: number) => ({ mode: 'duration', amount, unit: 'days' });

    g.node('trigger', 'trigger-tag-added', { tags: [g.say(TAGS.dormant)] }, [0, 0], text('被标记为沉睡', 'Tagged dormant'));
    g.node('has-bought', 'branch-purchase', {}, [0, 1], text('买过东西？', 'Bought before?'));
    g.script(
      'check-in-buyer',
      [-1, 2],
      text('老客关怀问候', 'Check in with a past buyer'),
      text(
        '{{customer.name}}，好久不见～最近还好吗？您之前买的{{lastPurchase.product}}用得怎么样？我们最近上了几款新品，我挑了一款觉得很适合您，发您看看？',
        "{{customer.name}}, it's been a while — how have you been? How is the {{lastPurchase.product}} you bought working out? We've just launched a few new products and I picked one I think would suit you. Shall I send it over?",
      ),
    );
    g.script(
      'check-in',
      [1, 2],
      text('久未联系问候', 'Reconnect'),
      text(
        '{{customer.name}}，好久没联系啦，最近还好吗？我们最近上了几款新品，也整理了一些实用的小技巧，想着您可能用得上，发您看看？',
        "{{customer.name}}, it's been a while since we were in touch — how are you? We've launched a few new products and put together some practical tips I thought you might find useful. Shall I send them over?",
      ),
    );
    g.node('wait-3d', 'wait', days(3), [0, 3]);
    g.script(
      'coupon',
      [0, 4],
      text('回归礼券', 'Welcome-back coupon'),
      text(
        '{{customer.name}}，给老朋友准备了一张专属回归礼券，7 天内下单可用。需要的话告诉我，我帮您下单并安排优先发货～',
        "{{customer.name}}, we've set aside an exclusive welcome-back coupon for you, valid on orders in the next 7 days. Just tell me what you'd like and I'll place the order and have it shipped first.",
      ),
      { priority: 'high' },
    );
    g.node('wait-5d', 'wait', days(5), [0, 5]);
    g.script(
      'reminder',
      [0, 6],
      text('礼券到期提醒', 'Coupon expiry reminder'),
      text(
        '{{customer.name}}，提醒一下，您的回归礼券还有 2 天就到期啦，别浪费了～有想要的告诉我就好。',
        "{{customer.name}}, a friendly reminder: your welcome-back coupon expires in 2 days — don't let it go to waste! Just tell me what you'd like.",
      ),
    );
    g.node('wait-expiry', 'wait', days(2), [0, 7], text('礼券到期', 'Coupon expires'));
    g.node('untag-dormant', 'remove-tag', { tags: [g.say(TAGS.dormant)] }, [0, 8]);
    g.node('tag-churned', 'add-tag', { tags: [g.say(TAGS.churned)] }, [0, 9]);
    g.node('exit-churned', 'exit', { reason: 'churned' }, [0, 10]);

    g.wire('trigger', 'out', 'has-bought');
    g.wire('has-bought', 'yes', 'check-in-buyer');
    g.wire('has-bought', 'no', 'check-in');
    g.wire('check-in-buyer', 'out', 'wait-3d');
    g.wire('check-in', 'out', 'wait-3d');
    g.wire('wait-3d', 'out', 'coupon');
    g.wire('coupon', 'out', 'wait-5d');
    g.wire('wait-5d', 'out', 'reminder');
    g.wire('reminder', 'out', 'wait-expiry');
    g.wire('wait-expiry', 'out', 'untag-dormant');
    g.wire('untag-dormant', 'out', 'tag-churned');
    g.wire('tag-churned', 'out', 'exit-churned');
    return g.graph();
  },
};
