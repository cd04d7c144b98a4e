import { text } from '@sopline/graph';
import type { PortSpec } from '@sopline/graph';
import { defineNode, OUT } from '@sopline/node-sdk';
import type { StepContext, StepResult } from '@sopline/node-sdk';
import { WaitConfig } from './schema.ts';
import { summarizeWait } from './summary.ts';
import { afterDuration, nextDateOccurrence, nextWeekdayTime, parseDateProperty } from './times.ts';

export { WaitConfig } from './schema.ts';

/** Taken when the date property is missing, unreadable, or (for a one-off date) already past. */
export const MISSING: PortSpec = { id: 'missing', label: text('无可用日期', 'No upcoming date') };

function until(ctx: StepContext, config: WaitConfig): Date | null {
  switch (config.mode) {
    case 'duration':
      return afterDuration(ctx.now, ctx.timezone, config.amount, config.unit);
    case 'weekday-time':
      return nextWeekdayTime(ctx.now, ctx.timezone, config.weekdays, config.time);
    case 'date-property': {
      const date = parseDateProperty(ctx.customer.properties[config.property], ctx.timezone);
      return date ? nextDateOccurrence(ctx.now, ctx.timezone, date, config) : null;
    }
  }
}

export const wait = defineNode({
  type: 'wait',
  version: 1,
  category: 'wait',
  title: text('等待', 'Wait'),
  description: text(
    '让客户在此停留：等待一段时间、等到每周某天的某个时刻，或等到客户日期属性（如生日）前后几天，均按客户所在时区计算。',
    "Holds the customer here: for a while, until a weekday and time, or until some days before or after a date property such as a birthday — all in the customer's timezone.",
  ),
  icon: 'hourglass',
  aliases: ['delay', 'sleep', 'pause', 'timer', 'birthday', 'schedule', '延时', '延迟', '定时', '生日', '等候'],
  config: WaitConfig,
  summary: summarizeWait,
  ports: (config) => (config.mode === 'date-property' ? [OUT, MISSING] : [OUT]),
  // The date it waits for must be a date property the workspace defines.
  reads: (config) => (config.mode === 'date-property' ? [{ kind: 'property', key: config.property, type: 'date', path: ['property'] }] : []),
  execute(ctx, config): StepResult {
    const at = until(ctx, config);
    return at ? { wait: { until: at, onTimeout: OUT.id } } : { next: MISSING.id };
  },
});

export default wait;
