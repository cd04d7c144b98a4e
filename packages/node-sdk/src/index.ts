export * from './context.ts';
export * from './define.ts';
export * from './failure.ts';
