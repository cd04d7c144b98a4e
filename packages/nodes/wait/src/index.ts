import { defineNode, OUT } from '@sopline/node-sdk';
import type { StepContext, StepResult } from '@sopline/node-sdk';
import type { WaitConfig } from './schema.ts';
import { manifest, MISSING } from './manifest.ts';
import { afterDuration, nextDateOccurrence, nextWeekdayTime, parseDateProperty } from './times.ts';

export * from './manifest.ts';

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
  ...manifest,
  execute(ctx, config): StepResult {
    const at = until(ctx, config);
    return at ? { wait: { until: at, onTimeout: OUT.id } } : { next: MISSING.id };
  },
});

export default wait;
