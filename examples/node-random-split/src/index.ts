// The executor: the manifest plus the step. Server-only (it may use Node built-ins, as node:crypto here).
import { createHash } from 'node:crypto';
import { defineNode } from '@sopline/node-sdk';
import { manifest, PATH_A, PATH_B } from './manifest.ts';

export * from './manifest.ts';

/** 0–99, the same for a customer at this node of this journey every time: a retry or re-run lands the same way. */
export function bucketOf(journeyId: string, nodeId: string, customerId: string): number {
  const digest = createHash('sha256').update(`random-split:${journeyId}:${nodeId}:${customerId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export const randomSplit = defineNode({
  ...manifest,
  execute: (ctx, config) => ({
    next: bucketOf(ctx.enrollment.journeyId, ctx.nodeId, ctx.customer.id) < config.percentA ? PATH_A.id : PATH_B.id,
  }),
});

export default randomSplit;
