import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { z } from 'zod';

/** A cell read as a field's value, or what is wrong with it in words. */
export type Parsed<T> = { value: T } | { problem: Text };

const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = (zh: string, en: string): Parsed<never> => ({ problem: text(zh, en) });
const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** What Excel makes of a long number in a cell formatted as General: 1.38001E+10. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

export function plainText(v: string, max: number): Parsed<string> {
  if (v.length > max) return bad(`不能超过 ${max} 个字符`, `must not be longer than ${max} characters`);
  return ok(v);
}

/** An id from another system (openid, unionid, member number): one word. */
export function externalIdCell(v: string): Parsed<string> {
  if (SCIENTIFIC.test(v)) return bad(`「${v}」被 Excel 写成了科学计数法：把这一列设为文本格式后重新保存`, `"${v}" was turned into scientific notation by Excel: format the column as text and save again`);
  if (/\s/.test(v)) return bad(`「${show(v)}」中间有空格`, `"${show(v)}" has spaces in it`);
  return plainText(v, 200);
}

/** A phone number as sheets write it: spaces, dashes and brackets dropped, China's +86 / 0086 prefix dropped from mobile numbers. */
export function phoneCell(v: string): Parsed<string> {
  if (SCIENTIFIC.test(v)) return bad(`「${v}」被 Excel 写成了科学计数法：把手机号一列设为文本格式后重新保存`, `"${v}" was turned into scientific notation by Excel: format the phone column as text and save again`);
  const compact = v.replace(/[\s\-()（）.]/g, '');
  const mainland = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  const phone = mainland ? mainland[1]! : compact;
  if (!/^\+?\d{5,20}$/.test(phone)) return bad(`「${show(v)}」不是电话号码`, `"${show(v)}" is not a phone number`);
  return ok(phone);
}

const Email = z.email();
export function emailCell(v: string): Parsed<string> {
  const email = v.toLowerCase();
  if (email.length > 200 || !Email.safeParse(email).success) return bad(`「${show(v)}」不是邮箱地址`, `"${show(v)}" is not an e-mail address`);
  return ok(email);
}

/** A cell naming a customer by one of their external ids, read as that id's kind. */
export function externalIdOf(column: 'phone' | 'email' | 'wechat_openid' | 'wechat_unionid' | 'member_id', v: string): Parsed<string> {
  if (column === 'phone') return phoneCell(v);
  if (column === 'email') return emailCell(v);
  return externalIdCell(v);
}

/** Tags separated as people separate them in one cell: | ; , and their full-width forms, 、. */
export function tagsCell(v: string): Parsed<string[]> {
  const tags = [...new Set(v.split(/[|;；,，、]/).map((t) => t.trim()).filter((t) => t !== ''))];
  const long = tags.find((t) => t.length > 64);
  if (long) return bad(`标签「${show(long)}」超过 64 个字符`, `the tag "${show(long)}" is longer than 64 characters`);
  if (tags.length > 100) return bad('一个客户最多 100 个标签', 'a customer can have at most 100 tags');
  return ok(tags);
}

const DATE_FORMATS = ['yyyy-M-d', 'yyyy/M/d', 'yyyy.M.d', 'yyyyMMdd', "yyyy'年'M'月'd'日'", 'yyyy-M-d H:mm', 'yyyy-M-d H:mm:ss', 'yyyy/M/d H:mm', 'yyyy/M/d H:mm:ss'];
const MONTH_DAY_FORMATS = ['M-d', 'M/d', "M'月'd'日'", 'MM.dd'];

/**
 * A calendar date (a birthday) as sheets write it: 1990-05-04, 1990/5/4, 1990年5月4日, 19900504,
 * or a month and day alone (05-04, 5月4日). Stored as ISO (1990-05-04) or as --05-04 without a year,
 * the forms the date wait reads.
 */
export function dateCell(v: string): Parsed<string> {
  const s = v.trim();
  for (const f of DATE_FORMATS) {
    const d = DateTime.fromFormat(s, f, { zone: 'UTC' });
    if (d.isValid && d.year >= 1900 && d.year <= 2100) return ok(d.toISODate()!);
  }
  for (const f of MONTH_DAY_FORMATS) {
    const d = DateTime.fromFormat(s, f, { zone: 'UTC' });
    if (d.isValid) return ok(`--${d.toFormat('MM-dd')}`);
  }
  if (/^\d{4,5}$/.test(s)) {
    // A date cell of a workbook saved as CSV by some tools: days since 1899-12-30.
    const d = DateTime.fromISO('1899-12-30', { zone: 'UTC' }).plus({ days: Number(s) });
    if (d.year >= 1900 && d.year <= 2100) return ok(d.toISODate()!);
  }
  return bad(`「${show(v)}」不是日期，请写成 1990-05-04 或 5月4日`, `"${show(v)}" is not a date; write it as 1990-05-04 or 05-04`);
}

/** A money amount as sheets write it: ¥1,299.00, 1299元, 1 299. */
export function amountCell(v: string): Parsed<number> {
  const s = v.replace(/[,，¥￥$\s]|元|rmb|cny/gi, '');
  const n = Number(s);
  if (s === '' || !Number.isFinite(n)) return bad(`「${show(v)}」不是金额`, `"${show(v)}" is not an amount`);
  if (n < 0) return bad('金额不能为负数（退款请不要导入为订单）', 'the amount must not be negative (refunds are not orders)');
  if (n > 1e10) return bad(`金额「${show(v)}」大得不合理`, `the amount "${show(v)}" is implausibly large`);
  return ok(Math.round(n * 100) / 100);
}

const TIME_FORMATS = ['yyyy-M-d H:mm', 'yyyy-M-d H:mm:ss', 'yyyy/M/d H:mm', 'yyyy/M/d H:mm:ss', 'yyyy-M-d', 'yyyy/M/d', "yyyy'年'M'月'd'日' H:mm", "yyyy'年'M'月'd'日'", 'yyyy.M.d H:mm', 'yyyy.M.d'];

/** A moment (when an order was placed): ISO 8601, or as sheets write it, in the workspace's zone unless it names one. */
export function timeCell(v: string, zone: string, now = new Date()): Parsed<string> {
  const s = v.trim();
  let d = DateTime.fromISO(s, { zone });
  for (const f of TIME_FORMATS) {
    if (d.isValid) break;
    d = DateTime.fromFormat(s, f, { zone });
  }
  if (!d.isValid || d.year < 1990) return bad(`「${show(v)}」不是时间，请写成 2026-11-03 14:20`, `"${show(v)}" is not a time; write it as 2026-11-03 14:20`);
  if (d.toMillis() > now.getTime() + 24 * 3600_000) return bad(`「${show(v)}」在未来`, `"${show(v)}" is in the future`);
  return ok(d.toUTC().toISO()!);
}

export function zoneCell(v: string): Parsed<string> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return ok(v);
  } catch {
    return bad(`「${show(v)}」不是时区，请写成 Asia/Shanghai 这样的形式`, `"${show(v)}" is not a time zone; write it like Asia/Shanghai`);
  }
}
