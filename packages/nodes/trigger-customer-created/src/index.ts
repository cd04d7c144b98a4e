import { matchesEvent } from '@sopline/graph';
import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerCustomerCreated = defineTrigger({
  ...manifest,
  matches: (event, config) =>
    matchesEvent(event, { kind: 'customer.created' }) && (config.source === undefined || event.payload.source === config.source),
});

export default triggerCustomerCreated;
