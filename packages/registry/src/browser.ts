// The browser's view of the registry: built-in node types only (no plugin loading, no Node APIs).
import { builtinNodes } from './builtins.ts';
import { createRegistry } from './registry.ts';

export { builtinNodes } from './builtins.ts';
export { createRegistry } from './registry.ts';
export type { Registry } from './registry.ts';
export { retailLifecycleExample } from './examples/retail-lifecycle.ts';

export const defaultRegistry = createRegistry(builtinNodes);
