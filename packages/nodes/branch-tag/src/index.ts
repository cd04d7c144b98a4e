import { defineNode } from '@sopline/node-sdk';
import type { BranchTagConfig } from './manifest.ts';
import { manifest, NO, YES } from './manifest.ts';

export * from './manifest.ts';

export function tagTestHolds(customerTags: readonly string[], config: BranchTagConfig): boolean {
  const carried = new Set(customerTags);
  const test = (tag: string) => carried.has(tag) === (config.mode === 'has');
  return config.match === 'all' ? config.tags.every(test) : config.tags.some(test);
}

export const branchTag = defineNode({
  ...manifest,
  execute: (ctx, config) => ({ next: tagTestHolds(ctx.customer.tags, config) ? YES.id : NO.id }),
});

export default branchTag;
