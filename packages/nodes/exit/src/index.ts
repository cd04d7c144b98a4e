import { defineNode } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const exit = defineNode({
  ...manifest,
  execute: (_ctx, config) => ({ exit: config.reason }),
});

export default exit;
