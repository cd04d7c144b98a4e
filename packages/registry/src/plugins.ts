import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventKind } from '@sopline/graph';
import type { AnyNodeDefinition } from '@sopline/node-sdk';
import { builtinNodes } from './builtins.ts';
import type { Registry } from './registry.ts';
import { createRegistry } from './registry.ts';

export type LoadRegistryOptions = {
  /** Package names (or paths) whose default export is a node definition or an array of them. */
  plugins?: readonly string[];
  /** Where plugin package names are resolved from; the current directory by default. */
  resolveFrom?: string;
};

const CATEGORIES = ['trigger', 'wait', 'condition', 'action', 'exit'];

/** Built-ins plus the plugin packages named in configuration. Fails with the offending package's name. */
export async function loadRegistry(options: LoadRegistryOptions = {}): Promise<Registry> {
  const defs = [...builtinNodes];
  const owner = new Map<string, string>(defs.map((d) => [d.type, 'a built-in node']));
  for (const name of options.plugins ?? []) {
    for (const def of pluginDefinitions(name, await importPlugin(name, options.resolveFrom ?? process.cwd()))) {
      const taken = owner.get(def.type);
      if (taken) throw new Error(`Plugin "${name}" defines node type "${def.type}", which ${taken} already defines`);
      owner.set(def.type, `plugin "${name}"`);
      defs.push(def);
    }
  }
  return createRegistry(defs);
}

/**
 * Imports a plugin package by name (or path, or file: URL), resolved from `from` first (the app's
 * directory) and then from here. Failures name the package; `what` says what kind of plugin it is.
 */
export async function importPlugin(name: string, from: string, what = 'Plugin'): Promise<unknown> {
  try {
    if (isAbsolute(name) || name.startsWith('.')) return await import(pathToFileURL(resolve(from, name)).href);
    if (name.startsWith('file:')) return await import(name);
    let path: string | null = null;
    try {
      path = createRequire(join(from, 'package.json')).resolve(name);
    } catch {
      // Not installed next to the app: fall back to what the registry package itself can see.
    }
    return await (path ? import(pathToFileURL(path).href) : import(name));
  } catch (cause) {
    throw new Error(`${what} "${name}" could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function pluginDefinitions(name: string, mod: unknown): AnyNodeDefinition[] {
  const exported = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
  const list = Array.isArray(exported) ? exported : [exported];
  if (exported === undefined || list.length === 0) {
    throw new Error(`Plugin "${name}" must default-export a node definition (defineNode / defineTrigger) or an array of them`);
  }
  return list.map((def, i) => {
    const problems = definitionProblems(def);
    if (problems.length > 0) {
      const which = list.length > 1 ? ` (definition #${i + 1})` : '';
      throw new Error(`Plugin "${name}"${which} does not export a valid node definition: ${problems.join('; ')}`);
    }
    return def as AnyNodeDefinition;
  });
}

const isText = (v: unknown) => typeof v === 'object' && v !== null && ['zh-CN', 'en'].every((l) => typeof (v as Record<string, unknown>)[l] === 'string' && (v as Record<string, string>)[l] !== '');
const isFn = (v: unknown) => typeof v === 'function';

/** What a definition must carry for the validator, designer and engine to use it. */
export function definitionProblems(def: unknown): string[] {
  if (typeof def !== 'object' || def === null) return ['not an object'];
  const d = def as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof d.type !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(d.type)) problems.push('type must be a slug of up to 64 characters');
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) problems.push('version must be a positive integer');
  if (typeof d.category !== 'string' || !CATEGORIES.includes(d.category)) problems.push(`category must be one of ${CATEGORIES.join(', ')}`);
  if (!isText(d.title)) problems.push('title needs zh-CN and en');
  if (!isText(d.description)) problems.push('description needs zh-CN and en');
  if (typeof d.icon !== 'string' || d.icon === '') problems.push('icon must be a Tabler icon name');
  if (typeof d.config !== 'object' || d.config === null || !isFn((d.config as Record<string, unknown>).safeParse)) problems.push('config must be a zod schema');
  for (const fn of ['ports', 'summary', 'execute']) if (!isFn(d[fn])) problems.push(`${fn}() is missing`);
  if (d.category === 'trigger') {
    if (!Array.isArray(d.events) || !d.events.every((e) => EventKind.safeParse(e).success)) problems.push('events must list known event kinds');
    if (!isFn(d.matches)) problems.push('matches() is missing');
  }
  return problems;
}
