export * from './context.ts';
export * from './manifest.ts';
export * from './define.ts';
export * from './failure.ts';
export * from './version.ts';
