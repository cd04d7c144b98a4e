import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerContactLost = defineTrigger({
  ...manifest,
  matches: (event, config) => event.kind === 'contact.lost' && (config.by === 'any' || event.payload.by === config.by),
});

export default triggerContactLost;
