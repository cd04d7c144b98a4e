import { defineNode } from '@sopline/node-sdk';
import { manifest, MATCHED, TIMEOUT } from './manifest.ts';

export * from './manifest.ts';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;

export const waitForEvent = defineNode({
  ...manifest,
  listensFor: (config) => [config.event.kind],
  // A plain duration is enough here: the timeout is a deadline, not a time of day.
  execute: (ctx, config) => ({
    wait: {
      until: new Date(ctx.now.getTime() + config.timeout.amount * UNIT_MS[config.timeout.unit]),
      onTimeout: TIMEOUT.id,
      event: config.event,
      onEvent: MATCHED.id,
    },
  }),
});

export default waitForEvent;
