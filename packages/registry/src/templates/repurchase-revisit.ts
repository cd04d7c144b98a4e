import { text } from '@sopline/graph';
import type { Text } from '@sopline/graph';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

const TAGS = {
  repeat: text('复购', 'repeat-buyer'),
  lapsed: text('复购流失', 'repurchase-lapsed'),
};

/** Days from a purchase to the revisit: the chosen fraction of the cycle, at least one day. */
export function revisitDays(cycleDays: number, fraction: number): number {
  return Math.max(1, Math.round(cycleDays * fraction));
}

/**
 * After each purchase, a revisit when the product should be running low — at a chosen fraction of
 * its repurchase cycle (monthly products around week three or four, yearly ones around half a year),
 * so the revisit coincides with a reason to buy. Buying again at any point restarts the cycle from
 * that purchase; a customer who lets a cycle and a returning-customer offer pass is tagged lapsed.
 */
export const repurchaseRevisit: JourneyTemplate = {
  id: 'repurchase-revisit',
  name: text('复购周期回访', 'Repurchase-cycle revisit'),
  description: text('按商品的复购周期回访：在周期的某个比例（如 80%）提醒补货，再购即重新计时。', "Revisits at a chosen fraction (e.g. 80%) of the product's repurchase cycle; buying again restarts the clock."),
  category: 'retention',
  icon: 'calendar',
  stages: [],
  settings: { reentry: 'after-exit', goal: null },
  params: [
    {
      key: 'cycleDays',
      kind: 'integer',
      label: text('商品复购周期', 'Repurchase cycle of the product'),
      help: text('客户通常多少天会再买一次，例如月抛 30 天、年卡 365 天。', 'How many days until a customer usually buys it again, e.g. 30 for a monthly product, 365 for a yearly one.'),
      unit: text('天', 'days'),
      min: 1,
      max: 730,
      step: 1,
      default: 30,
    },
    {
      key: 'fraction',
      kind: 'number',
      label: text('在周期的多少比例时回访', 'Revisit at this fraction of the cycle'),
      help: text('0.8 表示在周期的 80% 时回访：30 天的周期在第 24 天。', '0.8 revisits at 80% of the cycle: day 24 of a 30-day cycle.'),
      min: 0.1,
      max: 1,
      step: 0.05,
      default: 0.8,
    },
    {
      key: 'product',
      kind: 'text',
      label: text('只看这个商品（可不填）', 'Only this product (optional)'),
      help: text('填写商品名，只有购买它才进入和重新计时；不填则任何购买都算。', 'With a product name, only orders of it start or restart the cycle; empty, any order does.'),
      placeholder: text('例如：玻尿酸保湿面膜', 'e.g. Hydrating sheet mask'),
      default: '',
      optional: true,
      maxLength: 100,
    },
  ],
  preview(params) {
    const cycle = Number(params.cycleDays);
    const first = revisitDays(cycle, Number(params.fraction));
    const offer = cycle + 7;
    return text(
      `每次购买后第 ${first} 天回访；到第 ${offer} 天仍未回购，发老客回购价提醒；期间再次购买即重新计时。`,
      `Revisit on day ${first} after each purchase; no new order by day ${offer}, a returning-customer price follows; buying again restarts the clock.`,
    );
  },
  build(lang, params) {
    const g = graphWriter(lang);
    const cycle = Number(params.cycleDays);
    const fraction = Number(params.fraction);
    const product = String(params.product ?? '').trim();
    const toRevisit = revisitDays(cycle, fraction);
    // Until the cycle's end, plus a week's grace for customers who run a little over.
    const restOfCycle = cycle - toRevisit + 7;
    const filter = product ? { kind: 'purchase', product } : { kind: 'purchase' };
    const rebuy = (days: number) => ({ event: filter, timeout: { amount: days, unit: 'days' } });
    const percent = Math.round(fraction * 100);
    // The product is named in the script when the journey is about one; otherwise the last order's.
    const item: Text = product ? text(product, product) : text('{{lastPurchase.product}}', '{{lastPurchase.product}}');

    g.node('trigger', 'trigger-purchase', product ? { product } : {}, [0, 0], product ? text(`购买「${product}」`, `Buys ${product}`) : text('客户下单', 'Purchase made'));
    g.node(
      'wait-cycle',
      'wait-for-event',
      rebuy(toRevisit),
      [0, 1],
      text(`${toRevisit} 天内再次购买？（周期 ${cycle} 天的 ${percent}%）`, `Buys again within ${toRevisit} days? (${percent}% of a ${cycle}-day cycle)`),
    );
    g.node('tag-repeat', 'add-tag', { tags: [g.say(TAGS.repeat)] }, [-1, 2]);
    g.script(
      'revisit',
      [0, 2],
      text('复购回访', 'Repurchase revisit'),
      product
        ? text(
            `{{customer.name}}您好，您上次买的${item['zh-CN']}差不多快用完了吧？需要的话我帮您提前备一份，老客回购有专属优惠，也免得用完了着急～`,
            `Hi {{customer.name}}, you must be running low on the ${item.en} you bought last time. Shall I set one aside for you? Returning customers get a special price, and you won't be caught short.`,
          )
        : text(
            '{{customer.name}}您好，您{{lastPurchase.date}}买的{{lastPurchase.product}}差不多快用完了吧？需要的话我帮您提前备一份，老客回购有专属优惠，也免得用完了着急～',
            "Hi {{customer.name}}, you must be running low on the {{lastPurchase.product}} you bought on {{lastPurchase.date}}. Shall I set one aside for you? Returning customers get a special price, and you won't be caught short.",
          ),
    );
    g.node('wait-rebuy', 'wait-for-event', rebuy(restOfCycle), [0, 3], text(`${restOfCycle} 天内再次购买？`, `Buys again within ${restOfCycle} days?`));
    g.script(
      'offer',
      [0, 4],
      text('老客回购价提醒', 'Returning-customer price'),
      text(
        `{{customer.name}}，您常用的${item['zh-CN']}这周有老客回购价，3 天内下单有效。要不要我直接帮您下单，按上次的地址寄出？`,
        `{{customer.name}}, your usual ${item.en} is at a returning-customer price this week, on orders in the next 3 days. Shall I place the order for you and send it to the same address as last time?`,
      ),
      { priority: 'high' },
    );
    g.node('wait-offer', 'wait-for-event', rebuy(5), [0, 5], text('5 天内再次购买？', 'Buys again within 5 days?'));
    g.node('tag-lapsed', 'add-tag', { tags: [g.say(TAGS.lapsed)] }, [0, 6]);
    g.node('exit-lapsed', 'exit', { reason: 'lapsed' }, [0, 7]);

    g.wire('trigger', 'out', 'wait-cycle');
    g.wire('wait-cycle', 'matched', 'tag-repeat');
    g.wire('wait-cycle', 'timeout', 'revisit');
    // A repurchase restarts the cycle from that order (the loop passes through a wait).
    g.wire('tag-repeat', 'out', 'wait-cycle');
    g.wire('revisit', 'out', 'wait-rebuy');
    g.wire('wait-rebuy', 'matched', 'tag-repeat');
    g.wire('wait-rebuy', 'timeout', 'offer');
    g.wire('offer', 'out', 'wait-offer');
    g.wire('wait-offer', 'matched', 'tag-repeat');
    g.wire('wait-offer', 'timeout', 'tag-lapsed');
    g.wire('tag-lapsed', 'out', 'exit-lapsed');
    return g.graph();
  },
};
