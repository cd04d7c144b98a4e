export * from './text.ts';
export * from './issue-text.ts';
export * from './event.ts';
export * from './schema.ts';
export * from './catalog.ts';
export * from './problems.ts';
export * from './validate.ts';
export * from './json-depth.ts';
