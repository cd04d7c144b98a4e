import { text } from '@sopline/graph';
import { RETAIL_STAGES } from '@sopline/node-set-stage/manifest';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

const TAGS = {
  newCustomer: text('新客', 'new-customer'),
  noOrder: text('新客未转化', 'welcome-no-order'),
};

/**
 * The first week of a new contact: welcome and a gift on day 0, who we are on day 1, useful tips on
 * day 3, a first-order offer on day 7. The first purchase is the goal: a buyer leaves at once.
 */
export const welcomeSeries: JourneyTemplate = {
  id: 'welcome-series',
  name: text('新客欢迎系列', 'New-customer welcome series'),
  description: text('新客加入后 7 天：欢迎语和见面礼、品牌介绍、干货分享、首单礼，下单即完成。', "A new contact's first week: welcome gift, introduction, tips and a first-order offer; ends at the first purchase."),
  category: 'onboarding',
  icon: 'user-plus',
  stages: RETAIL_STAGES.filter((s) => s.id === 'unpaid'),
  settings: { reentry: 'never', goal: { kind: 'purchase' } },
  params: [],
  build(lang) {
    const g = graphWriter(lang);
    const days = (amount: number) => ({ mode: 'duration', amount, unit: 'days' });

    g.node('trigger', 'trigger-customer-created', {}, [0, 0], text('新客户加入', 'New customer'));
    g.node('stage-unpaid', 'set-stage', { stage: 'unpaid' }, [0, 1]);
    g.node('tag-new', 'add-tag', { tags: [g.say(TAGS.newCustomer)] }, [0, 2]);
    g.script(
      'welcome',
      [0, 3],
      text('欢迎语和见面礼', 'Welcome and gift'),
      text(
        '{{customer.name}}您好，我是您的专属顾问{{owner.name}}，很高兴认识您～为您准备了一份新人见面礼，回复「礼物」我就把领取方式发您。以后产品、售后或会员福利的问题，随时找我就好。',
        'Hello {{customer.name}}, I\'m {{owner.name}}, your personal advisor — lovely to meet you! I\'ve prepared a welcome gift for you: reply "gift" and I\'ll send you how to claim it. For anything about our products, after-sales or member perks, just message me here.',
      ),
      { priority: 'high' },
    );
    g.node('wait-day-1', 'wait', days(1), [0, 4]);
    g.script(
      'introduce',
      [0, 5],
      text('品牌介绍', 'Brand introduction'),
      text(
        '{{customer.name}}，跟您简单介绍一下我们：我们坚持用好原料、做好品控，这几款是最近老顾客回购最多的，发您先看看。您平时最想解决哪方面的需求？告诉我，我帮您推荐更合适的。',
        "{{customer.name}}, a quick introduction: we're committed to good ingredients and careful quality control, and these are the products our regular customers rebuy most — have a look. What would you most like help with? Tell me and I'll recommend what suits you.",
      ),
    );
    g.node('wait-day-3', 'wait', days(2), [0, 6]);
    g.script(
      'tips',
      [0, 7],
      text('干货分享', 'Helpful tips'),
      text(
        '{{customer.name}}，分享几个很多顾客都觉得有用的小技巧，可以收藏起来慢慢看～有任何问题都可以直接问我。',
        '{{customer.name}}, here are a few tips many of our customers find useful — save them to read later. Feel free to ask me anything.',
      ),
    );
    g.node('wait-day-7', 'wait', days(4), [0, 8]);
    g.script(
      'first-order-gift',
      [0, 9],
      text('新人首单礼', 'First-order gift'),
      text(
        '{{customer.name}}，您的新人首单礼还没用哦：首单享专属优惠，3 天内有效。看中哪款告诉我，我帮您下单～',
        "{{customer.name}}, your new-customer first-order gift is still waiting: an exclusive discount on your first order, valid for 3 days. Tell me which product you like and I'll place the order for you.",
      ),
      { priority: 'high' },
    );
    g.node('wait-gift', 'wait', days(3), [0, 10], text('首单礼有效期', 'While the gift is valid'));
    g.node('tag-no-order', 'add-tag', { tags: [g.say(TAGS.noOrder)] }, [0, 11]);
    g.node('exit', 'exit', { reason: 'completed' }, [0, 12]);

    g.wire('trigger', 'out', 'stage-unpaid');
    g.wire('stage-unpaid', 'out', 'tag-new');
    g.wire('tag-new', 'out', 'welcome');
    g.wire('welcome', 'out', 'wait-day-1');
    g.wire('wait-day-1', 'out', 'introduce');
    g.wire('introduce', 'out', 'wait-day-3');
    g.wire('wait-day-3', 'out', 'tips');
    g.wire('tips', 'out', 'wait-day-7');
    g.wire('wait-day-7', 'out', 'first-order-gift');
    g.wire('first-order-gift', 'out', 'wait-gift');
    g.wire('wait-gift', 'out', 'tag-no-order');
    g.wire('tag-no-order', 'out', 'exit');
    return g.graph();
  },
};
