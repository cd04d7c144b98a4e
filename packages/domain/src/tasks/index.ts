// The inbox and the actions a rep or manager takes on tasks (closeTask/snoozeTask are the engine-facing core in tasks.ts).
export { TASK_VIEWS, listTasks, taskCounts, viewRange } from './inbox.ts';
export type { TaskItem, TaskListInput, TaskView } from './inbox.ts';
export { closeTaskAs, snoozeTaskAs, reassignTask, taskState } from './actions.ts';
export type { TaskState } from './actions.ts';
