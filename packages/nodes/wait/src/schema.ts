import { z } from 'zod';

export const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm, e.g. 09:30');
export const UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

/** `mode` defaults to a duration, so a freshly dropped node (`{}`) is a valid "wait 1 day". */
export const DurationWait = z.object({
  mode: z.literal('duration').default('duration'),
  amount: z.number().int().min(1).max(3650).default(1),
  unit: z.enum(UNITS).default('days'),
});

/** ISO weekdays: Monday = 1 … Sunday = 7. */
export const WeekdayTimeWait = z.object({
  mode: z.literal('weekday-time'),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1]),
  time: TIME.default('10:00'),
});

export const DatePropertyWait = z.object({
  mode: z.literal('date-property'),
  /** A customer property holding a date ('1990-05-17') or an ISO date-time. */
  property: z.string().trim().min(1).max(64),
  offsetDays: z.number().int().min(-365).max(365).default(0),
  time: TIME.default('10:00'),
  yearly: z.boolean().default(true),
});

export const WaitConfig = z.discriminatedUnion('mode', [DurationWait, WeekdayTimeWait, DatePropertyWait]);
export type WaitConfig = z.output<typeof WaitConfig>;
export type DurationWait = z.output<typeof DurationWait>;
export type WeekdayTimeWait = z.output<typeof WeekdayTimeWait>;
export type DatePropertyWait = z.output<typeof DatePropertyWait>;
