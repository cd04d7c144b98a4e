import type { ImportKind } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { z } from 'zod';

/** What a column of a customers file can fill in; any other column can become a property. */
export const CUSTOMER_FIELDS = ['name', ...EXTERNAL_ID_COLUMNS, 'owner', 'stage', 'tags', 'birthday', 'timezone'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** What a column of an orders file can fill in; one of the customer's external ids finds whose order it is. */
export const ORDER_FIELDS = ['order_id', 'amount', 'product', 'category', 'currency', 'ordered_at', ...EXTERNAL_ID_COLUMNS] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export type ImportField = CustomerField | OrderField;

export const PROPERTY_TARGET = 'property:';

/**
 * A file's mapping: for each column of its header, in order, the field it fills, a property
 * ("property:city"), or null to leave the column out.
 */
export const ImportMapping = z.array(z.union([z.enum([...new Set<ImportField>([...CUSTOMER_FIELDS, ...ORDER_FIELDS])]), z.string().startsWith(PROPERTY_TARGET).min(PROPERTY_TARGET.length + 1).max(PROPERTY_TARGET.length + 64), z.null()])).max(200);
export type ImportMapping = z.infer<typeof ImportMapping>;

export const FIELD_LABELS: Record<ImportField, Text> = {
  name: text('姓名', 'Name'),
  phone: text('手机号', 'Phone'),
  email: text('邮箱', 'E-mail'),
  wechat_openid: text('微信 openid', 'WeChat openid'),
  wechat_unionid: text('微信 unionid', 'WeChat unionid'),
  member_id: text('会员号', 'Member id'),
  owner: text('负责人（邮箱或姓名）', 'Owner (e-mail or name)'),
  stage: text('阶段', 'Stage'),
  tags: text('标签', 'Tags'),
  birthday: text('生日', 'Birthday'),
  timezone: text('时区', 'Time zone'),
  order_id: text('订单号', 'Order id'),
  amount: text('金额', 'Amount'),
  product: text('商品', 'Product'),
  category: text('品类', 'Category'),
  currency: text('币种', 'Currency'),
  ordered_at: text('下单时间', 'Ordered at'),
};

/**
 * Header names as Chinese and English sheets write them, normalised (lower case, no spaces,
 * underscores, hyphens or notes in brackets). Exact names first, then words a header contains.
 */
const EXACT: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'customername', 'customer', 'contact', '姓名', '名字', '客户', '客户名', '客户姓名', '客户名称', '联系人', '昵称', '微信昵称', '称呼'],
  phone: ['phone', 'mobile', 'tel', 'telephone', 'cell', 'phonenumber', 'mobilephone', '手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '联系方式', '移动电话'],
  email: ['email', 'e-mail', 'mail', 'emailaddress', '邮箱', '电子邮箱', '电子邮件', '邮件', '邮箱地址'],
  wechat_openid: ['openid', 'wechatopenid', 'wxopenid', '微信openid'],
  wechat_unionid: ['unionid', 'wechatunionid', 'wxunionid', '微信unionid'],
  member_id: ['memberid', 'member', 'membershipid', 'memberno', 'membernumber', 'cardno', 'vipno', '会员号', '会员编号', '会员id', '会员卡号', '会员卡', '卡号', '会员编码'],
  owner: ['owner', 'owneremail', 'rep', 'salesrep', 'sales', 'assignee', 'accountmanager', '负责人', '负责销售', '所属销售', '归属员工', '所属员工', '跟进人', '跟进销售', '导购', '客户经理', '专属顾问', '顾问', '销售'],
  stage: ['stage', 'lifecyclestage', 'lifecycle', 'status', '阶段', '客户阶段', '生命周期', '生命周期阶段', '客户状态', '状态'],
  tags: ['tags', 'tag', 'labels', 'label', '标签', '客户标签', '标记'],
  birthday: ['birthday', 'birthdate', 'dateofbirth', 'dob', 'birth', '生日', '出生日期', '出生年月日', '生辰'],
  timezone: ['timezone', 'tz', 'zone', '时区'],
  order_id: ['orderid', 'order', 'orderno', 'ordernumber', 'ordercode', '订单号', '订单编号', '订单id', '单号', '订单'],
  amount: ['amount', 'total', 'price', 'paid', 'revenue', 'value', 'ordertotal', '金额', '订单金额', '实付金额', '支付金额', '实付', '实收金额', '成交金额', '消费金额', '总价'],
  product: ['product', 'item', 'productname', 'sku', 'goods', '商品', '商品名称', '产品', '产品名称', '品名', '货品'],
  category: ['category', 'productcategory', 'type', '品类', '类目', '分类', '商品分类', '类别'],
  currency: ['currency', '币种', '货币'],
  ordered_at: ['orderedat', 'orderdate', 'ordertime', 'date', 'time', 'paidat', 'createdat', 'purchasedate', '下单时间', '下单日期', '订单时间', '支付时间', '付款时间', '成交时间', '购买时间', '日期', '时间'],
};
const CONTAINS: Array<[ImportField, string[]]> = [
  ['wechat_unionid', ['unionid']],
  ['wechat_openid', ['openid']],
  ['phone', ['手机', '电话', 'phone', 'mobile']],
  ['email', ['邮箱', 'email']],
  ['member_id', ['会员号', '会员编号', '会员卡', 'member']],
  ['order_id', ['订单号', '订单编号', 'orderid', 'orderno']],
  ['amount', ['金额', 'amount']],
  ['ordered_at', ['时间', '日期']],
  ['birthday', ['生日', '出生', 'birth']],
  ['owner', ['负责', '跟进', '归属', '导购', 'owner']],
  ['stage', ['阶段', 'stage']],
  ['tags', ['标签', 'tag']],
  ['product', ['商品', '产品', 'product']],
  ['name', ['姓名', '名称', 'name']],
];

export const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/[\s_*\-:：·.]/g, '');

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'customers' ? CUSTOMER_FIELDS : ORDER_FIELDS;
}

/**
 * A first mapping for a header, guessed from zh/en column names: each field goes to at most one
 * column (the first that names it); other columns of a customers file fill the workspace's property
 * of that key or label, or become new properties named by their header; those of an orders file are
 * left out.
 */
export function guessMapping(kind: ImportKind, header: string[], properties: ReadonlyArray<{ key: string; label: Text }> = []): ImportMapping {
  const allowed = fieldsOf(kind);
  const taken = new Set<string>();
  const guessOne = (h: string): ImportField | null => {
    const n = normaliseHeader(h);
    if (n === '') return null;
    const exact = allowed.find((f) => !taken.has(f) && (f === n || EXACT[f].includes(n)));
    if (exact) return exact;
    for (const [field, words] of CONTAINS) if (allowed.includes(field) && !taken.has(field) && words.some((w) => n.includes(w))) return field;
    return null;
  };
  return header.map((h) => {
    const field = guessOne(h);
    if (field) {
      taken.add(field);
      return field;
    }
    // Scripts name a property as {{customer.properties.<key>}}: no dots or braces in it.
    // A property the workspace defines, named by its key or either label (城市 → city).
    const declared = properties.find((p) => [p.key, p.label['zh-CN'], p.label.en].some((name) => normaliseHeader(name) === normaliseHeader(h)));
    const key = declared?.key ?? h.trim().replace(/[.{}]/g, '_').slice(0, 64);
    if (kind === 'customers' && key !== '' && !taken.has(PROPERTY_TARGET + key)) {
      taken.add(PROPERTY_TARGET + key);
      return `${PROPERTY_TARGET}${key}`;
    }
    return null;
  });
}

/** What is wrong with a mapping as a whole (a field twice, a key field missing), in words; empty when it is usable. */
export function mappingProblems(kind: ImportKind, header: string[], mapping: ImportMapping): Text[] {
  const problems: Text[] = [];
  if (mapping.length !== header.length) problems.push(text(`映射有 ${mapping.length} 列，文件有 ${header.length} 列`, `The mapping has ${mapping.length} columns; the file has ${header.length}`));
  const allowed = fieldsOf(kind) as readonly string[];
  const seen = new Map<string, number>();
  for (const [i, target] of mapping.entries()) {
    if (target === null) continue;
    if (target.startsWith(PROPERTY_TARGET)) {
      if (kind === 'orders') problems.push(text(`订单文件的列不能存为客户属性（第 ${i + 1} 列）`, `Columns of an orders file cannot become customer properties (column ${i + 1})`));
    } else if (!allowed.includes(target)) {
      problems.push(text(`「${FIELD_LABELS[target as ImportField]['zh-CN']}」不是${kind === 'customers' ? '客户' : '订单'}文件的字段`, `"${FIELD_LABELS[target as ImportField].en}" is not a field of ${kind === 'customers' ? 'a customers' : 'an orders'} file`));
    }
    const before = seen.get(target);
    if (before !== undefined) {
      const label: Text = target.startsWith(PROPERTY_TARGET) ? text(`属性 ${target.slice(PROPERTY_TARGET.length)}`, `property ${target.slice(PROPERTY_TARGET.length)}`) : FIELD_LABELS[target as ImportField];
      problems.push(text(`第 ${before + 1} 列和第 ${i + 1} 列都对应「${label['zh-CN']}」`, `Columns ${before + 1} and ${i + 1} both fill "${label.en}"`));
    }
    seen.set(target, i);
  }
  const ids = text(EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c]['zh-CN']).join('、'), EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c].en).join(', '));
  if (!EXTERNAL_ID_COLUMNS.some((c) => seen.has(c))) {
    problems.push(text(`请至少把一列对应到用于识别客户的字段：${ids['zh-CN']}`, `Map at least one column to a field that identifies the customer: ${ids.en}`));
  }
  if (kind === 'orders') {
    for (const required of ['order_id', 'amount'] as const) {
      if (!seen.has(required)) problems.push(text(`请把一列对应到「${FIELD_LABELS[required]['zh-CN']}」`, `Map a column to "${FIELD_LABELS[required].en}"`));
    }
  }
  return problems;
}
