export { journeyWorkflow, eventSignal, goalSignal, cancelSignal } from './journey.ts';
