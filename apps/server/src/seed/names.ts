/** A small deterministic PRNG (mulberry32), so every fresh start seeds the same demo workspace. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['欣怡', '子涵', '浩然', '雨萱', '梓轩', '思远', '佳怡', '一诺', '宇航', '诗涵', '俊杰', '晓雯', '明轩', '若曦', '志强', '婉婷', '嘉豪', '欣然', '文博', '雅琪'];

export function chineseName(rnd: () => number): string {
  return pick(rnd, SURNAMES) + pick(rnd, GIVEN);
}

export const PRODUCTS = [
  { product: '修护精华液', category: '护肤', price: 299 },
  { product: '保湿面霜', category: '护肤', price: 199 },
  { product: '清透防晒乳', category: '护肤', price: 129 },
  { product: '氨基酸洁面', category: '护肤', price: 79 },
  { product: '补水面膜（10 片）', category: '护肤', price: 99 },
  { product: '丝绒口红', category: '彩妆', price: 169 },
] as const;

export const CHANNEL_TAGS = ['小红书', '抖音', '门店', '直播间', '朋友推荐'] as const;
