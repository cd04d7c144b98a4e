import { defineNode, OUT } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const setStage = defineNode({
  ...manifest,
  async execute(ctx, config) {
    await ctx.setStage(config.stage);
    return { next: OUT.id };
  },
});

export default setStage;
