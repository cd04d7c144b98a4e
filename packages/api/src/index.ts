export { appRouter, createCaller } from './root.ts';
export type { AppRouter } from './root.ts';
export { callerContext } from './context.ts';
export type { ApiContext } from './context.ts';
