import type { z } from 'zod';
import type { Text } from './text.ts';
import { text } from './text.ts';

/**
 * A schema's complaint about one field, in both UI languages and without the field's path (the UI
 * shows it next to the field). A schema gives its own words with `{ message: en, params: { zh } }`;
 * zod's built-in checks (too short, too large, not a number, not one of …) get ours.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  const zh = (issue as { params?: { zh?: unknown } }).params?.zh;
  if (typeof zh === 'string') return text(zh, issue.message);
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; inclusive?: boolean; format?: string; values?: unknown[]; expected?: string };
  const n = (v: number | bigint | undefined) => String(v ?? '');
  const length = i.origin === 'string';
  const count = i.origin === 'array' || i.origin === 'set';
  switch (issue.code) {
    case 'too_small':
      if (length && Number(i.minimum) === 1) return text('必填', 'Required');
      if (length) return text(`至少 ${n(i.minimum)} 个字`, `At least ${n(i.minimum)} characters`);
      if (count) return text(`至少 ${n(i.minimum)} 项`, `At least ${n(i.minimum)} items`);
      return text(i.inclusive === false ? `须大于 ${n(i.minimum)}` : `不能小于 ${n(i.minimum)}`, i.inclusive === false ? `Must be more than ${n(i.minimum)}` : `At least ${n(i.minimum)}`);
    case 'too_big':
      if (length) return text(`最多 ${n(i.maximum)} 个字`, `At most ${n(i.maximum)} characters`);
      if (count) return text(`最多 ${n(i.maximum)} 项`, `At most ${n(i.maximum)} items`);
      return text(i.inclusive === false ? `须小于 ${n(i.maximum)}` : `不能大于 ${n(i.maximum)}`, i.inclusive === false ? `Must be less than ${n(i.maximum)}` : `At most ${n(i.maximum)}`);
    case 'invalid_type':
      return i.expected === 'number' || i.expected === 'int' ? text('请填写数字', 'Enter a number') : text('必填', 'Required');
    case 'invalid_format':
      if (i.format === 'email') return text('不是有效的邮箱地址', 'Not a valid email address');
      if (i.format === 'url') return text('不是有效的网址', 'Not a valid web address');
      if (i.format === 'regex') return text('格式不对', 'Not in the expected format');
      return text('格式不对', 'Not in the expected format');
    case 'not_multiple_of':
      return text('请填写整数', 'Enter a whole number');
    case 'invalid_value':
      return text('不是可选的值', 'Not one of the choices');
    default:
      return text('填写的内容无效', issue.message || 'Not valid');
  }
}
