import { defineNode, OUT } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';
import { renderScript, scriptVariables } from './template.ts';
import { latestPurchase, scriptValues } from './values.ts';

export * from './manifest.ts';

export const sendScript = defineNode({
  ...manifest,
  async execute(ctx, config) {
    // Only read the purchase history when the script needs it.
    const needsPurchase = scriptVariables(config.script).some((name) => name.startsWith('lastPurchase.'));
    const last = needsPurchase ? latestPurchase(await ctx.purchases()) : null;
    const script = renderScript(config.script, scriptValues(ctx.customer, last, ctx.timezone));
    // The engine applies quiet hours and the frequency cap; a suppressed task still moves the customer on.
    await ctx.createTask({
      title: config.title,
      script,
      dueAt: new Date(ctx.now.getTime() + config.due.afterMinutes * 60_000),
      priority: config.priority,
    });
    return { next: OUT.id };
  },
});

export default sendScript;
