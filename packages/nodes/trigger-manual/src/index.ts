import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerManual = defineTrigger({
  ...manifest,
  matches: () => false,
});

export default triggerManual;
