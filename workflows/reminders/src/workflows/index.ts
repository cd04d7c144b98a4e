export { digestWorkflow, settingsChanged } from './digest.ts';
