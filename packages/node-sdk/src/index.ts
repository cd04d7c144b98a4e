export * from './context.ts';
export * from './define.ts';
