import { defineNode, OUT } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const removeTag = defineNode({
  ...manifest,
  async execute(ctx, config) {
    await ctx.removeTags([...new Set(config.tags)]);
    return { next: OUT.id };
  },
});

export default removeTag;
