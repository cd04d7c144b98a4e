export * from './message.ts';
export * from './result.ts';
export * from './define.ts';
export * from './retry.ts';
