import { text } from '@sopline/graph';
import { z } from 'zod';

export const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm, e.g. 09:30');
export const UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

const MODE = text('方式', 'Mode');
const TIME_OF_DAY = text('时间', 'Time of day');

/** `mode` defaults to a duration, so a freshly dropped node (`{}`) is a valid "wait 1 day". */
export const DurationWait = z.object({
  mode: z.literal('duration').default('duration').meta({ label: MODE }),
  amount: z.number().int().min(1).max(3650).default(1).meta({ label: text('时长', 'Amount') }),
  unit: z.enum(UNITS).default('days').meta({ label: text('单位', 'Unit') }),
});

/** ISO weekdays: Monday = 1 … Sunday = 7. */
export const WeekdayTimeWait = z.object({
  mode: z.literal('weekday-time').meta({ label: MODE }),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1]).meta({ label: text('星期', 'Weekdays') }),
  time: TIME.default('10:00').meta({ label: TIME_OF_DAY }),
});

export const DatePropertyWait = z.object({
  mode: z.literal('date-property').meta({ label: MODE }),
  /** A customer property holding a date ('1990-05-17') or an ISO date-time. */
  property: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .meta({ label: text('日期属性', 'Date property'), help: text('存放日期的客户属性，例如 birthday。', 'A customer property holding a date, e.g. birthday.') }),
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
