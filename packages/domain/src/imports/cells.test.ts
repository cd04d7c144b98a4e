import { describe, expect, it } from 'vitest';
import { amountCell, dateCell, phoneCell, tagsCell, timeCell } from './cells.ts';
import { guessMapping, mappingProblems } from './fields.ts';

const value = <T>(p: { value: T } | { problem: unknown }) => ('value' in p ? p.value : null);

describe('cells as sheets write them', () => {
  it('phones: spaces, dashes and the +86 prefix go; Excel’s scientific notation is explained', () => {
    expect(value(phoneCell('138 0013 8000'))).toBe('13800138000');
    expect(value(phoneCell('+86-138-0013-8000'))).toBe('13800138000');
    expect(value(phoneCell('0086 13800138000'))).toBe('13800138000');
    expect(value(phoneCell('+44 20 7946 0958'))).toBe('+442079460958');
    expect(phoneCell('1.38001E+10')).toMatchObject({ problem: { en: expect.stringContaining('scientific notation') } });
    expect(phoneCell('n/a')).toHaveProperty('problem');
  });

  it('dates: ISO, slashes, 年月日, compact, month-day alone, Excel serial numbers', () => {
    expect(['1990-05-04', '1990/5/4', '1990年5月4日', '19900504', '1990.5.4', '32997'].map((v) => value(dateCell(v)))).toEqual(Array(6).fill('1990-05-04'));
    expect(value(dateCell('5月4日'))).toBe('--05-04');
    expect(value(dateCell('05-04'))).toBe('--05-04');
    expect(dateCell('1990-02-30')).toHaveProperty('problem');
    expect(dateCell('someday')).toHaveProperty('problem');
  });

  it('amounts and times', () => {
    expect(['¥1,299.00', '1299元', '1 299', '￥1299'].map((v) => value(amountCell(v)))).toEqual([1299, 1299, 1299, 1299]);
    expect(amountCell('-5')).toHaveProperty('problem');
    expect(value(timeCell('2026-11-03 14:20', 'Asia/Shanghai'))).toBe('2026-11-03T06:20:00.000Z');
    expect(value(timeCell('2026年11月3日 14:20', 'Asia/Shanghai'))).toBe('2026-11-03T06:20:00.000Z');
    expect(value(timeCell('2026-11-03T14:20:00Z', 'Asia/Shanghai'))).toBe('2026-11-03T14:20:00.000Z');
    expect(timeCell('2099-01-01', 'UTC', new Date('2026-12-01'))).toMatchObject({ problem: { en: expect.stringContaining('future') } });
  });

  it('tags split on the separators people use in one cell', () => {
    expect(value(tagsCell('vip|复购；门店、新客,老客，vip'))).toEqual(['vip', '复购', '门店', '新客', '老客']);
  });
});

describe('mapping', () => {
  it('guesses fields from zh and en headers, each field once', () => {
    expect(guessMapping('customers', ['客户姓名', 'Mobile', '微信 UnionID', 'OpenID', '会员卡号', 'E-mail', '所属销售', '生命周期阶段', '客户标签', '出生日期', '城市', '手机号（备用）'])).toEqual([
      'name',
      'phone',
      'wechat_unionid',
      'wechat_openid',
      'member_id',
      'email',
      'owner',
      'stage',
      'tags',
      'birthday',
      'property:城市',
      'property:手机号（备用）',
    ]);
    expect(guessMapping('orders', ['订单号', '手机号', '实付金额', '商品名称', '品类', '支付时间', '备注'])).toEqual(['order_id', 'phone', 'amount', 'product', 'category', 'ordered_at', null]);
  });

  it("fills the workspace's own properties by key or label", () => {
    const city = { key: 'city', label: { 'zh-CN': '城市', en: 'City' } };
    expect(guessMapping('customers', ['手机', '城市', 'CITY'], [city])).toEqual(['phone', 'property:city', null]);
  });

  it('names what a mapping lacks', () => {
    expect(mappingProblems('orders', ['a', 'b'], ['phone', null]).map((p) => p.en)).toEqual(['Map a column to "Order id"', 'Map a column to "Amount"']);
    expect(mappingProblems('customers', ['a'], ['name']).map((p) => p.en)).toEqual([expect.stringContaining('identifies the customer')]);
  });
});
