import { text } from '@sopline/graph';
import { graphWriter } from './build.ts';
import type { JourneyTemplate } from './types.ts';

/** VIPs get a gift shipped; the word is the same in both languages. */
const VIP = 'VIP';

/**
 * Every year, in the customer's own timezone: a heads-up about the birthday treat a few days before,
 * then wishes at 09:30 on the day (a gift for VIPs, a treat in the account for everyone else), then
 * round again to next year. Customers without a readable birthday leave at once.
 */
export const birthdayCare: JourneyTemplate = {
  id: 'birthday-care',
  name: text('生日关怀', 'Birthday care'),
  description: text('每年生日前几天预告生日礼，生日当天上午送上祝福（VIP 另寄礼物），按客户所在时区计算。', "Every year: a birthday-treat heads-up a few days ahead, then wishes on the day (a gift for VIPs), in the customer's timezone."),
  category: 'care',
  icon: 'cake',
  stages: [],
  settings: { reentry: 'never', goal: null },
  params: [
    {
      key: 'property',
      kind: 'text',
      label: text('生日所在的客户属性', 'Customer property with the birthday'),
      help: text('存放生日的客户属性，值如 1990-05-17 或 05-17；属性在「设置 → 客户属性」中管理。', 'The customer property holding the birthday, with values like 1990-05-17 or 05-17; properties are managed in Settings → Customer properties.'),
      placeholder: text('birthday', 'birthday'),
      default: 'birthday',
      optional: false,
      maxLength: 64,
      names: 'date-property',
    },
    {
      key: 'daysBefore',
      kind: 'integer',
      label: text('提前几天预告生日礼', 'Days ahead for the heads-up'),
      help: text('生日前这么多天的上午 10:00 先发预告，生日当天 9:30 发祝福。', 'The heads-up goes out at 10:00 this many days before; the wishes at 09:30 on the day.'),
      unit: text('天', 'days'),
      min: 1,
      max: 14,
      step: 1,
      default: 3,
    },
  ],
  preview(params) {
    const n = Number(params.daysBefore);
    return text(
      `生日前 ${n} 天 10:00 发预告，生日当天 9:30 发祝福，按客户所在时区；没有生日的客户直接离开。`,
      `Heads-up at 10:00 ${n} day${n === 1 ? '' : 's'} before, wishes at 09:30 on the day, in the customer's timezone; customers without a birthday leave at once.`,
    );
  },
  build(lang, params) {
    const g = graphWriter(lang);
    const property = String(params.property);
    const daysBefore = Number(params.daysBefore);
    const onDate = (offsetDays: number, time: string) => ({ mode: 'date-property', property, offsetDays, time, yearly: true });

    g.node('trigger', 'trigger-customer-created', {}, [0, 0], text('新客户加入', 'New customer'));
    g.node('wait-heads-up', 'wait', onDate(-daysBefore, '10:00'), [0, 1], text(`生日前 ${daysBefore} 天`, `${daysBefore} day${daysBefore === 1 ? '' : 's'} before the birthday`));
    g.node('exit-no-birthday', 'exit', { reason: 'no-birthday' }, [2, 2]);
    g.script(
      'heads-up',
      [0, 2],
      text('生日礼预告', 'Birthday treat heads-up'),
      text(
        '{{customer.name}}，悄悄告诉您：您的生日快到啦🎂 我们为您准备了一份生日专属礼遇，生日当周都可以使用，到时候我再提醒您～',
        "{{customer.name}}, a little secret: your birthday is coming up 🎂 We've prepared an exclusive birthday treat for you, valid all through your birthday week — I'll remind you on the day.",
      ),
    );
    g.node('wait-birthday', 'wait', onDate(0, '09:30'), [0, 3], text('生日当天 9:30', 'Birthday, 09:30'));
    g.node('is-vip', 'branch-tag', { tags: [VIP] }, [0, 4]);
    g.script(
      'wishes-vip',
      [-1, 5],
      text('生日祝福（VIP 寄礼物）', 'Birthday wishes (VIP gift)'),
      text(
        '{{customer.name}}，生日快乐！🎂 感谢您一直以来的支持，我们特别为您准备了一份生日礼物，已经安排寄出，请留意查收。祝您新的一岁健康顺意、万事胜意！',
        "Happy birthday, {{customer.name}}! 🎂 Thank you for your continued support — we've prepared a special birthday gift for you and it's on its way, so keep an eye out for it. Wishing you health and every success in the year ahead!",
      ),
      { priority: 'high' },
    );
    g.script(
      'wishes',
      [1, 5],
      text('生日祝福', 'Birthday wishes'),
      text(
        '{{customer.name}}，生日快乐！🎂 您的生日专属礼遇已经放进账户，生日当周下单都可以使用。祝您新的一岁开心顺遂！',
        'Happy birthday, {{customer.name}}! 🎂 Your exclusive birthday treat is now in your account and works on any order during your birthday week. Wishing you a happy year ahead!',
      ),
      { priority: 'high' },
    );

    g.wire('trigger', 'out', 'wait-heads-up');
    g.wire('wait-heads-up', 'out', 'heads-up');
    g.wire('wait-heads-up', 'missing', 'exit-no-birthday');
    g.wire('heads-up', 'out', 'wait-birthday');
    g.wire('wait-birthday', 'out', 'is-vip');
    g.wire('wait-birthday', 'missing', 'exit-no-birthday');
    g.wire('is-vip', 'yes', 'wishes-vip');
    g.wire('is-vip', 'no', 'wishes');
    // Round again: the heads-up wait finds next year's birthday.
    g.wire('wishes-vip', 'out', 'wait-heads-up');
    g.wire('wishes', 'out', 'wait-heads-up');
    return g.graph();
  },
};
