import { text } from '@sopline/graph';
import { B2B_STAGES } from '@sopline/node-set-stage/manifest';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

const TAGS = {
  /** The rep adds it once the customer has a quote or proposal: the step from interested to considering. */
  quoted: text('已报价', 'quoted'),
  nurture: text('长期培育', 'long-term-nurture'),
  notNow: text('暂未成交', 'not-now'),
};

/**
 * Consulting → interested → considering → paid, for long decisions (cars, housing, insurance). A
 * reply the rep logs moves a lead to interested, the rep's "quoted" tag to considering, and an order
 * to paid; a lead that goes quiet gets one more useful touch before it is tagged for nurturing.
 */
export const b2bLongCycle: JourneyTemplate = {
  id: 'b2b-long-cycle',
  name: text('长周期 B2B 转化', 'Long-cycle B2B'),
  description: text('适合汽车、房产、保险等长决策周期：从咨询、感兴趣、考虑到成交，按客户回复和报价推进。', 'For long decisions (cars, housing, insurance): enquiry, interest, consideration and deal, moved on by replies and quotes.'),
  category: 'lifecycle',
  icon: 'users',
  stages: B2B_STAGES,
  settings: { reentry: 'never', goal: null },
  params: [],
  build(lang) {
    const g = graphWriter(lang);
    const replied = (days: number) => ({ event: { kind: 'reply.logged' }, timeout: { amount: days, unit: 'days' } });
    const quoted = (days: number) => ({ event: { kind: 'tag.added', tag: g.say(TAGS.quoted) }, timeout: { amount: days, unit: 'days' } });
    const ordered = (days: number) => ({ event: { kind: 'purchase' }, timeout: { amount: days, unit: 'days' } });

    // Consulting: answer fast, ask what they need; a second, useful touch if they stay silent.
    g.node('trigger', 'trigger-customer-created', {}, [0, 0], text('新线索进入', 'New lead'));
    g.node('stage-consulting', 'set-stage', { stage: 'consulting' }, [0, 1]);
    g.script(
      'first-reply',
      [0, 2],
      text('首次响应', 'First response'),
      text(
        '{{customer.name}}您好，我是{{owner.name}}，感谢您的咨询！为了给您更有针对性的建议，方便简单说说您的需求、预算和大概的时间安排吗？我先把相关资料整理好发您参考。',
        'Hello {{customer.name}}, this is {{owner.name}} — thank you for your enquiry! So that my advice really fits, could you tell me a little about your needs, budget and rough timeline? Meanwhile I will put together some material for you.',
      ),
      { priority: 'high' },
    );
    g.node('wait-reply', 'wait-for-event', replied(2), [0, 3], text('2 天内回复？', 'Replies within 2 days?'));
    g.script(
      'case-study',
      [1, 4],
      text('分享相似客户案例', 'Share a similar customer case'),
      text(
        '{{customer.name}}，分享一个和您情况比较接近的客户案例，看看他们当时是怎么选、怎么用的，也许对您有参考价值。有任何疑问都可以直接问我。',
        '{{customer.name}}, here is the story of a customer in a situation close to yours — how they chose and how it has worked out for them. It may be a useful reference; feel free to ask me anything.',
      ),
    );
    g.node('wait-reply-2', 'wait-for-event', replied(7), [1, 5], text('7 天内回复？', 'Replies within 7 days?'));

    // Interested: a tailored proposal and a meeting; the rep tags the customer once a quote is out.
    g.node('stage-interested', 'set-stage', { stage: 'interested' }, [0, 6]);
    g.script(
      'invite',
      [0, 7],
      text('邀约面谈', 'Invite to a meeting'),
      text(
        '{{customer.name}}，根据您说的情况，我为您准备了两三个方案。当面或视频聊 20 分钟会讲得更清楚，这周您哪天方便？我来安排。',
        '{{customer.name}}, based on what you told me, I have prepared two or three options for you. A 20-minute chat in person or by video would make them much clearer — which day this week suits you? I will arrange it.',
      ),
      { priority: 'high' },
    );
    g.node('wait-quote', 'wait-for-event', quoted(14), [0, 8], text('14 天内报价？', 'Quoted within 14 days?'));
    g.script(
      'keep-in-touch',
      [1, 9],
      text('持续培育', 'Keep in touch'),
      text(
        '{{customer.name}}，最近整理了一份选购时最常被问到的问题和避坑要点，发您参考。您这边考虑得怎么样了？需要的话我随时帮您重新对比方案。',
        '{{customer.name}}, I have put together the questions people ask most when choosing, and the pitfalls to avoid — sharing it with you for reference. How is your decision going? I am happy to compare the options again whenever you need.',
      ),
    );
    g.node('wait-quote-2', 'wait-for-event', quoted(30), [1, 10], text('30 天内报价？', 'Quoted within 30 days?'));
    g.node('tag-nurture', 'add-tag', { tags: [g.say(TAGS.nurture)] }, [2, 11]);
    g.node('exit-nurture', 'exit', { reason: 'nurture' }, [2, 12]);

    // Considering: clear the doubts, then a time-limited reason to decide.
    g.node('stage-considering', 'set-stage', { stage: 'considering' }, [0, 11]);
    g.node('wait-read-quote', 'wait', { mode: 'duration', amount: 1, unit: 'days' }, [0, 12], text('留一天看报价', 'A day to read the quote'));
    g.script(
      'concerns',
      [0, 13],
      text('解答顾虑', 'Address concerns'),
      text(
        '{{customer.name}}，报价和方案您看过了吗？如果对价格、付款方式或售后服务还有顾虑，随时告诉我，我帮您一条条说清楚，也可以把同类客户的真实反馈发您参考。',
        '{{customer.name}}, have you had a chance to look at the quote and proposal? If you have any concerns about the price, payment options or after-sales service, tell me and I will go through them one by one — I can also share genuine feedback from similar customers.',
      ),
    );
    g.node('wait-deal', 'wait-for-event', ordered(7), [0, 14], text('7 天内成交？', 'Signs within 7 days?'));
    g.script(
      'incentive',
      [1, 15],
      text('限时政策提醒', 'Time-limited terms'),
      text(
        '{{customer.name}}，跟您同步一下：本月底前签约可以享受当期的优惠政策，名额有限。如果您还在犹豫，我们可以再约个时间把细节敲定，您看哪天方便？',
        "{{customer.name}}, a quick update: contracts signed before the end of this month qualify for the current promotional terms, and places are limited. If you're still weighing it up, let's find a time to settle the details — which day works for you?",
      ),
      { priority: 'high' },
    );
    g.node('wait-deal-2', 'wait-for-event', ordered(21), [1, 16], text('21 天内成交？', 'Signs within 21 days?'));
    g.node('tag-not-now', 'add-tag', { tags: [g.say(TAGS.notNow)] }, [2, 17]);
    g.node('exit-not-now', 'exit', { reason: 'not-now' }, [2, 18]);

    // Paid: thank them and hand over to service.
    g.node('stage-paid', 'set-stage', { stage: 'paid' }, [0, 17]);
    g.script(
      'thanks',
      [0, 18],
      text('成交感谢', 'Thank you for the deal'),
      text(
        '{{customer.name}}，非常感谢您的信任！后续的交付和服务安排我会全程跟进，有任何问题随时找我。用得满意的话，也欢迎把我推荐给身边有需要的朋友～',
        '{{customer.name}}, thank you so much for your trust! I will follow the delivery and service arrangements all the way through — reach me any time with questions. And if you are happy, I would be grateful if you recommended me to friends who need the same.',
      ),
    );
    g.node('exit-won', 'exit', { reason: 'won' }, [0, 19]);

    g.wire('trigger', 'out', 'stage-consulting');
    g.wire('stage-consulting', 'out', 'first-reply');
    g.wire('first-reply', 'out', 'wait-reply');
    g.wire('wait-reply', 'matched', 'stage-interested');
    g.wire('wait-reply', 'timeout', 'case-study');
    g.wire('case-study', 'out', 'wait-reply-2');
    g.wire('wait-reply-2', 'matched', 'stage-interested');
    g.wire('wait-reply-2', 'timeout', 'tag-nurture');
    g.wire('stage-interested', 'out', 'invite');
    g.wire('invite', 'out', 'wait-quote');
    g.wire('wait-quote', 'matched', 'stage-considering');
    g.wire('wait-quote', 'timeout', 'keep-in-touch');
    g.wire('keep-in-touch', 'out', 'wait-quote-2');
    g.wire('wait-quote-2', 'matched', 'stage-considering');
    g.wire('wait-quote-2', 'timeout', 'tag-nurture');
    g.wire('tag-nurture', 'out', 'exit-nurture');
    g.wire('stage-considering', 'out', 'wait-read-quote');
    g.wire('wait-read-quote', 'out', 'concerns');
    g.wire('concerns', 'out', 'wait-deal');
    g.wire('wait-deal', 'matched', 'stage-paid');
    g.wire('wait-deal', 'timeout', 'incentive');
    g.wire('incentive', 'out', 'wait-deal-2');
    g.wire('wait-deal-2', 'matched', 'stage-paid');
    g.wire('wait-deal-2', 'timeout', 'tag-not-now');
    g.wire('tag-not-now', 'out', 'exit-not-now');
    g.wire('stage-paid', 'out', 'thanks');
    g.wire('thanks', 'out', 'exit-won');
    return g.graph();
  },
};
