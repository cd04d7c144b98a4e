import { DURATION_UNIT_NAMES, DURATION_UNITS, text } from '@sopline/graph';
import { z } from 'zod';

export const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm, e.g. 09:30');
export const UNITS = DURATION_UNITS;

const MODE = text('方式', 'Mode');
const MODES = { duration: text('一段时间', 'A while'), 'weekday-time': text('每周某天某时', 'Weekday & time'), 'date-property': text('日期属性前后', 'Date property') };
const WEEKDAYS = Object.fromEntries(['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((zh, i) => [String(i + 1), text(zh, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i]!)]));
const TIME_OF_DAY = text('时间', 'Time of day');

/** `mode` defaults to a duration, so a freshly dropped node (`{}`) is a valid "wait 1 day". */
export const DurationWait = z.object({
  mode: z.literal('duration').default('duration').meta({ label: MODE, values: MODES }),
  amount: z.number().int().min(1).max(3650).default(1).meta({ label: text('时长', 'Amount') }),
  unit: z.enum(UNITS).default('days').meta({ label: text('单位', 'Unit'), values: DURATION_UNIT_NAMES }),
});

/** ISO weekdays: Monday = 1 … Sunday = 7. */
export const WeekdayTimeWait = z.object({
  mode: z.literal('weekday-time').meta({ label: MODE, values: MODES }),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1]).meta({ label: text('星期', 'Weekdays'), values: WEEKDAYS }),
  time: TIME.default('10:00').meta({ label: TIME_OF_DAY }),
});

export const DatePropertyWait = z.object({
  mode: z.literal('date-property').meta({ label: MODE, values: MODES }),
  /** A customer property holding a date ('1990-05-17') or an ISO date-time. */
  property: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .meta({ label: text('日期属性', 'Date property'), help: text('存放日期的客户属性，例如「生日」。可在「设置 → 客户属性」中添加。', 'A customer property holding a date, e.g. Birthday. Add one in Settings → Customer properties.') }),
  offsetDays: z
    .number()
    .int()
    .min(-365)
    .max(365)
    .default(0)
    .meta({ label: text('提前（−）或推后（+）天数', 'Days before (−) or after (+)'), help: text('例如 −3 表示生日前 3 天。', 'e.g. −3 for three days before a birthday.') }),
  time: TIME.default('10:00').meta({ label: TIME_OF_DAY }),
  yearly: z.boolean().default(true).meta({ label: text('每年重复', 'Every year'), help: text('每年重复（生日、纪念日）。', 'Repeat every year (birthdays, anniversaries).') }),
});

export const WaitConfig = z.discriminatedUnion('mode', [DurationWait, WeekdayTimeWait, DatePropertyWait]);
export type WaitConfig = z.output<typeof WaitConfig>;
export type DurationWait = z.output<typeof DurationWait>;
export type WeekdayTimeWait = z.output<typeof WeekdayTimeWait>;
export type DatePropertyWait = z.output<typeof DatePropertyWait>;
