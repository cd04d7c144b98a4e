export { createApp } from './app.ts';
export type { AppOptions } from './app.ts';
export { loadConfig } from './config.ts';
export type { ServerConfig } from './config.ts';
export { startSopline } from './start.ts';
export { seedDemo, DEMO_USERS, DEMO_PASSWORD } from './seed/demo.ts';
