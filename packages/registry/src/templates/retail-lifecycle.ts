import { text } from '@sopline/graph';
import { RETAIL_STAGES } from '@sopline/node-set-stage/manifest';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

const TAGS = {
  dormant: text('沉睡', 'dormant'),
  firstOrder: text('首单', 'first-order'),
  repeat: text('复购', 'repeat-buyer'),
};
/** The rep tags a customer KOC once they accept the advocate invitation; the word is the same in both languages. */
const KOC = 'KOC';

/**
 * Unpaid → paid → repeat buyer → KOC advocate. Unpaid customers hear value first, then get a
 * time-limited offer; each step waits for an order, so a purchase moves them on at once. Paid
 * customers get a usage follow-up, then an add-on suggestion; repeat buyers are invited to advocate.
 */
export const retailLifecycle: JourneyTemplate = {
  id: 'retail-lifecycle',
  name: text('零售生命周期', 'Retail lifecycle'),
  description: text('新客从未付费到首单、复购，再到成为 KOC 推荐官，每个阶段有自己的话术和节奏。', 'Takes a new customer from unpaid to first order, repeat buyer and KOC advocate, with scripts and pacing for each stage.'),
  category: 'lifecycle',
  icon: 'stairs-up',
  stages: RETAIL_STAGES,
  settings: { reentry: 'never', goal: null },
  params: [],
  build(lang) {
    const g = graphWriter(lang);
    const purchase = (days: number) => ({ event: { kind: 'purchase' }, timeout: { amount: days, unit: 'days' } });

    // Unpaid: welcome, value, then a time-limited offer — each followed by a wait for the first order.
    g.node('trigger', 'trigger-customer-created', {}, [0, 0], text('新客户加入', 'New customer'));
    g.node('stage-unpaid', 'set-stage', { stage: 'unpaid' }, [0, 1]);
    g.script(
      'welcome',
      [0, 2],
      text('发送欢迎语', 'Welcome message'),
      text(
        '{{customer.name}}您好，我是您的专属顾问{{owner.name}}，谢谢您添加我～以后上新、会员福利和使用小技巧我都会第一时间告诉您，有任何问题随时找我就好。',
        "Hi {{customer.name}}, I'm {{owner.name}}, your personal advisor — thanks for adding me! I'll be the first to tell you about new arrivals, member perks and handy tips, and you can message me here any time with questions.",
      ),
      { priority: 'high' },
    );
    g.node('wait-first-order', 'wait-for-event', purchase(2), [0, 3], text('2 天内下单？', 'Orders within 2 days?'));
    g.script(
      'value',
      [1, 4],
      text('分享选购指南', 'Share the buying guide'),
      text(
        '{{customer.name}}，给您分享一份我们整理的选购和使用指南，很多老顾客都说挺实用的。您平时更关注哪方面？告诉我，我帮您挑最合适的～',
        "{{customer.name}}, here's a buying and usage guide we put together — many of our regular customers say it's really useful. What matters most to you? Tell me and I'll pick out what suits you best.",
      ),
    );
    g.node('wait-value', 'wait-for-event', purchase(3), [1, 5], text('3 天内下单？', 'Orders within 3 days?'));
    g.script(
      'offer',
      [2, 6],
      text('限时新人优惠', 'Time-limited new-customer offer'),
      text(
        '{{customer.name}}，帮您申请了一张新人专享券，7 天内下单可用。看中了哪款告诉我，我帮您下单、安排尽快发货～',
        "{{customer.name}}, I've got you a new-customer coupon, valid on orders in the next 7 days. Tell me which item you like and I'll place the order and have it shipped quickly.",
      ),
      { priority: 'high' },
    );
    g.node('wait-purchase', 'wait-for-event', purchase(7), [2, 7], text('优惠期内下单？', 'Orders while the offer lasts?'));
    g.node('tag-dormant', 'add-tag', { tags: [g.say(TAGS.dormant)] }, [3, 8]);
    g.node('exit-dormant', 'exit', { reason: 'dormant' }, [3, 9]);

    // Paid: usage follow-up once the order has arrived, then an add-on suggestion.
    g.node('stage-paid', 'set-stage', { stage: 'paid' }, [0, 8]);
    g.node('tag-first-order', 'add-tag', { tags: [g.say(TAGS.firstOrder)] }, [0, 9]);
    g.node('wait-delivery', 'wait', { mode: 'duration', amount: 3, unit: 'days' }, [0, 10], text('等待收货试用', 'Delivery and first use'));
    g.script(
      'follow-up',
      [0, 11],
      text('首单回访', 'First-order follow-up'),
      text(
        '{{customer.name}}您好，您买的{{lastPurchase.product}}收到了吗？用了几天感觉怎么样？使用上有任何问题都可以问我，我再教您几个小技巧～',
        'Hi {{customer.name}}, has your {{lastPurchase.product}} arrived? How are you finding it after a few days? Ask me anything about using it — I can share a few tips too.',
      ),
    );
    g.node('wait-add-on', 'wait', { mode: 'duration', amount: 7, unit: 'days' }, [0, 12]);
    g.script(
      'add-on',
      [0, 13],
      text('搭配推荐', 'Add-on suggestion'),
      text(
        '{{customer.name}}，很多买了{{lastPurchase.product}}的顾客会再搭配一款一起用，效果更好。我帮您挑了一款，老客再购还有专属价，需要的话我发给您看看～',
        "{{customer.name}}, many customers who bought {{lastPurchase.product}} pair it with a companion product for better results. I've picked one out for you, and returning customers get a special price — shall I send it over?",
      ),
    );
    g.node('wait-repeat', 'wait-for-event', purchase(30), [0, 14], text('30 天内再次购买？', 'Buys again within 30 days?'));
    g.node('exit-paid', 'exit', { reason: 'paid' }, [1, 15]);

    // Repeat buyer: invite them to become an advocate; the rep tags KOC when they accept.
    g.node('stage-repeat', 'set-stage', { stage: 'repeat' }, [0, 15]);
    g.node('tag-repeat', 'add-tag', { tags: [g.say(TAGS.repeat)] }, [0, 16]);
    g.node('wait-invite', 'wait', { mode: 'duration', amount: 3, unit: 'days' }, [0, 17]);
    g.script(
      'koc-invite',
      [0, 18],
      text('邀请成为 KOC 推荐官', 'Invite to become an advocate'),
      text(
        '{{customer.name}}，谢谢您一直以来的信任和支持！想邀请您成为我们的「KOC 推荐官」：把喜欢的产品分享给好友，好友下单后您和好友都有专属奖励，还能优先试用新品。感兴趣的话我把详细规则发您～',
        "{{customer.name}}, thank you for your continued trust and support! We'd love you to become one of our KOC advocates: share the products you like with friends, and when they order you both get exclusive rewards — plus early access to new products. If you're interested, I'll send you the details.",
      ),
      { priority: 'high' },
    );
    g.node('wait-koc', 'wait-for-event', { event: { kind: 'tag.added', tag: KOC }, timeout: { amount: 14, unit: 'days' } }, [0, 19], text('14 天内接受邀请？', 'Accepts within 14 days?'));
    g.node('exit-repeat', 'exit', { reason: 'repeat' }, [1, 20]);
    g.node('stage-advocate', 'set-stage', { stage: 'advocate' }, [0, 20]);
    g.script(
      'welcome-koc',
      [0, 21],
      text('欢迎新推荐官', 'Welcome the new advocate'),
      text(
        '{{customer.name}}，欢迎正式成为我们的 KOC 推荐官！您的专属推荐码和奖励规则我稍后发您，有新品试用名额也会第一时间留给您。',
        "{{customer.name}}, welcome aboard as one of our KOC advocates! I'll send your referral code and the reward rules shortly, and you'll be first in line whenever we have new products to try.",
      ),
    );
    g.node('exit-advocate', 'exit', { reason: 'advocate' }, [0, 22]);

    g.wire('trigger', 'out', 'stage-unpaid');
    g.wire('stage-unpaid', 'out', 'welcome');
    g.wire('welcome', 'out', 'wait-first-order');
    g.wire('wait-first-order', 'matched', 'stage-paid');
    g.wire('wait-first-order', 'timeout', 'value');
    g.wire('value', 'out', 'wait-value');
    g.wire('wait-value', 'matched', 'stage-paid');
    g.wire('wait-value', 'timeout', 'offer');
    g.wire('offer', 'out', 'wait-purchase');
    g.wire('wait-purchase', 'matched', 'stage-paid');
    g.wire('wait-purchase', 'timeout', 'tag-dormant');
    g.wire('tag-dormant', 'out', 'exit-dormant');
    g.wire('stage-paid', 'out', 'tag-first-order');
    g.wire('tag-first-order', 'out', 'wait-delivery');
    g.wire('wait-delivery', 'out', 'follow-up');
    g.wire('follow-up', 'out', 'wait-add-on');
    g.wire('wait-add-on', 'out', 'add-on');
    g.wire('add-on', 'out', 'wait-repeat');
    g.wire('wait-repeat', 'matched', 'stage-repeat');
    g.wire('wait-repeat', 'timeout', 'exit-paid');
    g.wire('stage-repeat', 'out', 'tag-repeat');
    g.wire('tag-repeat', 'out', 'wait-invite');
    g.wire('wait-invite', 'out', 'koc-invite');
    g.wire('koc-invite', 'out', 'wait-koc');
    g.wire('wait-koc', 'matched', 'stage-advocate');
    g.wire('wait-koc', 'timeout', 'exit-repeat');
    g.wire('stage-advocate', 'out', 'welcome-koc');
    g.wire('welcome-koc', 'out', 'exit-advocate');
    return g.graph();
  },
};
