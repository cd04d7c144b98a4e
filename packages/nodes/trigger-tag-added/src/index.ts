import { matchesEvent } from '@sopline/graph';
import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerTagAdded = defineTrigger({
  ...manifest,
  matches: (event, config) => config.tags.some((tag) => matchesEvent(event, { kind: 'tag.added', tag })),
});

export default triggerTagAdded;
