import type { Lang } from '@sopline/graph';

/**
 * The demo's words in one language: a Chinese demo reads Chinese everywhere, an English one English
 * (SOPLINE_SEED_LANG=en). Names, products, tags and cities are the workspace's own data, so they are
 * written in the language it is seeded in rather than shown in two.
 */
export type DemoWords = {
  workspace: string;
  users: { admin: string; ops: string; rep1: string; rep2: string };
  surnames: readonly string[];
  given: readonly string[];
  /** How a full name is put together. */
  fullName(surname: string, given: string): string;
  products: ReadonlyArray<{ product: string; category: string; price: number }>;
  channels: readonly string[];
  cities: readonly string[];
  tags: { repeat: string; dormant: string; churned: string };
  journeys: { retail: string; winBack: string; firstVersion: string };
  /** Care tasks ops hand out by hand. */
  care: readonly string[];
  winBack: { trigger: string; giftTitle: string; gift: string; giftLabel: string; newTitle: string; news: string; newsLabel: string };
};

const zh: DemoWords = {
  workspace: '示例品牌',
  users: { admin: '系统管理员', ops: '陈运营', rep1: '李顾问', rep2: '王顾问' },
  surnames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'],
  given: ['欣怡', '子涵', '浩然', '雨萱', '梓轩', '思远', '佳怡', '一诺', '宇航', '诗涵', '俊杰', '晓雯', '明轩', '若曦', '志强', '婉婷', '嘉豪', '欣然', '文博', '雅琪'],
  fullName: (surname, given) => surname + given,
  products: [
    { product: '修护精华液', category: '护肤', price: 299 },
    { product: '保湿面霜', category: '护肤', price: 199 },
    { product: '清透防晒乳', category: '护肤', price: 129 },
    { product: '氨基酸洁面', category: '护肤', price: 79 },
    { product: '补水面膜（10 片）', category: '护肤', price: 99 },
    { product: '丝绒口红', category: '彩妆', price: 169 },
  ],
  channels: ['小红书', '抖音', '门店', '直播间', '朋友推荐'],
  cities: ['上海', '杭州', '北京', '深圳', '成都'],
  tags: { repeat: '复购', dormant: '沉睡', churned: '流失' },
  journeys: { retail: '零售生命周期', winBack: '沉睡客户召回', firstVersion: '初始版本' },
  care: ['复购提醒', '生日祝福', '使用回访', '新品试用邀请'],
  winBack: {
    trigger: '批量召回',
    giftTitle: '沉睡召回：专属回归礼',
    gift: '{{customer.name}}您好，好久不见！为您准备了一份老客专属回归礼，本周下单立减 30 元，需要的话我帮您留一份～',
    giftLabel: '回归礼',
    newTitle: '沉睡召回：新品推荐',
    news: '{{customer.name}}您好，上次您买的{{lastPurchase.product}}用得怎么样？这周上了几款新品，给您发几张图看看？',
    newsLabel: '新品推荐',
  },
};

const en: DemoWords = {
  workspace: 'Demo Shop',
  users: { admin: 'Sam Admin', ops: 'Olivia Chen', rep1: 'Leo Li', rep2: 'Wendy Wang' },
  surnames: ['Smith', 'Chen', 'Garcia', 'Khan', 'Müller', 'Nguyen', 'Brown', 'Wang', 'Rossi', 'Silva', 'Kim', 'Li', 'Evans', 'Novak', 'Sato', 'Lopez', 'Taylor', 'Zhang', 'Martin', 'Okafor'],
  given: ['Emma', 'Noah', 'Olivia', 'Liam', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Leo', 'Grace', 'Mateo', 'Chloe', 'Adam', 'Zoe', 'Ryan', 'Lily', 'Daniel', 'Hannah', 'Omar'],
  fullName: (surname, given) => `${given} ${surname}`,
  products: [
    { product: 'Repair serum', category: 'Skincare', price: 299 },
    { product: 'Moisturising cream', category: 'Skincare', price: 199 },
    { product: 'Light sunscreen', category: 'Skincare', price: 129 },
    { product: 'Gentle cleanser', category: 'Skincare', price: 79 },
    { product: 'Hydrating masks (10)', category: 'Skincare', price: 99 },
    { product: 'Velvet lipstick', category: 'Make-up', price: 169 },
  ],
  channels: ['Instagram', 'TikTok', 'Store', 'Livestream', 'Referral'],
  cities: ['London', 'Manchester', 'Bristol', 'Leeds', 'Edinburgh'],
  tags: { repeat: 'repeat-buyer', dormant: 'dormant', churned: 'churned' },
  journeys: { retail: 'Retail lifecycle', winBack: 'Dormant win-back', firstVersion: 'First version' },
  care: ['Repurchase reminder', 'Birthday greeting', 'Usage check-in', 'New product trial invitation'],
  winBack: {
    trigger: 'Bulk win-back',
    giftTitle: 'Win-back: welcome-back gift',
    gift: "Hi {{customer.name}}, it's been a while! We've set aside a welcome-back gift for you: 30 off any order this week. Shall I keep one for you?",
    giftLabel: 'Welcome-back gift',
    newTitle: 'Win-back: new arrivals',
    news: 'Hi {{customer.name}}, how are you getting on with the {{lastPurchase.product}}? A few new products arrived this week — may I send you some pictures?',
    newsLabel: 'New arrivals',
  },
};

export const DEMO_WORDS: Record<Lang, DemoWords> = { 'zh-CN': zh, en };
