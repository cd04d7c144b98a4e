export { addStages, matchStage, resolveStage, saveStages, StageCode, StageListInput, StageName, unknownStage, workspaceStages } from './stages.ts';
export type { Stage } from './stages.ts';
