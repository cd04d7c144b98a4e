import { matchesEvent } from '@sopline/graph';
import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerPurchase = defineTrigger({
  ...manifest,
  matches: (event, config) => matchesEvent(event, { kind: 'purchase', ...config }),
});

export default triggerPurchase;
