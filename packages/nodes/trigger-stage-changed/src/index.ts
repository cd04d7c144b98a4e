import { matchesEvent } from '@sopline/graph';
import { defineTrigger } from '@sopline/node-sdk';
import { manifest } from './manifest.ts';

export * from './manifest.ts';

export const triggerStageChanged = defineTrigger({
  ...manifest,
  matches: (event, config) =>
    matchesEvent(event, { kind: 'stage.changed', stage: config.to }) && (config.from === undefined || event.payload.from === config.from),
});

export default triggerStageChanged;
