import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EventKind } from '@sopline/graph';
import type { AnyNodeDefinition } from '@sopline/node-sdk';
import { PLUGIN_API_VERSION } from '@sopline/node-sdk';
import semver from 'semver';
import { builtinNodes } from './builtins.ts';
import { iconProblem } from './describe.ts';
import type { Registry } from './registry.ts';
import { tablerSvg } from './tabler.ts';
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
  const origins = new Map<string, string>();
  for (const name of options.plugins ?? []) {
    const from = options.resolveFrom ?? process.cwd();
    const incompatible = sdkCompatibilityProblem(name, pluginPackageJson(name, from));
    if (incompatible) throw new Error(incompatible);
    for (const def of pluginDefinitions(name, await importPlugin(name, from))) {
      const taken = owner.get(def.type);
      if (taken) throw new Error(`Plugin "${name}" defines node type "${def.type}", which ${taken} already defines`);
      owner.set(def.type, `plugin "${name}"`);
      origins.set(def.type, name);
      defs.push(def);
    }
  }
  return createRegistry(defs, origins);
}

const SDK = '@sopline/node-sdk';

/**
 * Why a plugin cannot run on this Sopline, or null. The rule: the SDK's major version is the plugin
 * API version, so the SDK range a plugin declares (peerDependencies, else dependencies) must admit a
 * version of this major. A range that is not a semver range (file:, workspace:, link:) says nothing;
 * then the SDK the plugin actually has installed beside it is checked, when it has its own copy.
 */
export function sdkCompatibilityProblem(name: string, pkg: PluginPackage | null): string | null {
  if (!pkg) return null;
  const declared = pkg.json.peerDependencies?.[SDK] ?? pkg.json.dependencies?.[SDK];
  const api = `${PLUGIN_API_VERSION}.x`;
  if (declared !== undefined && semver.validRange(declared) !== null) {
    if (semver.intersects(declared, `^${PLUGIN_API_VERSION}.0.0`, { includePrerelease: true })) return null;
    return `Plugin "${name}" is built for ${SDK} ${declared}, but this Sopline runs plugins built for ${SDK} ${api} (plugin API ${PLUGIN_API_VERSION}): install a version of the plugin made for ${SDK} ${api}, or a Sopline whose plugin API matches`;
  }
  const installed = pkg.installedSdkVersion;
  if (installed !== null && semver.valid(installed) && semver.major(installed) !== PLUGIN_API_VERSION) {
    return `Plugin "${name}" brings its own ${SDK} ${installed}, but this Sopline runs plugins built for ${SDK} ${api} (plugin API ${PLUGIN_API_VERSION}): rebuild the plugin against ${SDK} ${api}`;
  }
  return null;
}

type PackageJson = { name?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
export type PluginPackage = { json: PackageJson; installedSdkVersion: string | null };

/** The package.json of the package a plugin entry belongs to (the nearest one above its file), if any. */
function pluginPackageJson(name: string, from: string): PluginPackage | null {
  let file: string;
  try {
    file = resolvePlugin(name, from);
  } catch {
    return null; // importPlugin says why, naming the plugin
  }
  if (!isAbsolute(file)) return null;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const json = JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
        return { json, installedSdkVersion: installedSdkVersion(dir) };
      } catch {
        return null;
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

function installedSdkVersion(packageDir: string): string | null {
  const candidate = join(packageDir, 'node_modules', ...SDK.split('/'), 'package.json');
  if (!existsSync(candidate)) return null;
  try {
    return (JSON.parse(readFileSync(candidate, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/**
 * Where a plugin's entry is: a path (absolute or ./relative to `from`, which must be a file — the
 * package's entry, not its folder), a file: URL, or a package name resolved from `from`, else from
 * here (returned as the bare name).
 */
function resolvePlugin(name: string, from: string): string {
  if (name.startsWith('file:')) return fileURLToPath(name);
  if (isAbsolute(name) || name.startsWith('.')) {
    const path = resolve(from, name);
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new Error(
        `${path} is a folder; name the plugin's entry file (e.g. ${join(name, 'src', 'index.ts')} or ${join(name, 'dist', 'index.js')}), or install the package and name it`,
      );
    }
    return path;
  }
  try {
    return createRequire(join(from, 'package.json')).resolve(name);
  } catch {
    // Not installed next to the app: fall back to what the registry package itself can see.
    return name;
  }
}

/**
 * Imports a plugin package by name (or path, or file: URL), resolved from `from` first (the app's
 * directory) and then from here. Failures name the package; `what` says what kind of plugin it is.
 */
export async function importPlugin(name: string, from: string, what = 'Plugin'): Promise<unknown> {
  try {
    const path = resolvePlugin(name, from);
    return await (isAbsolute(path) ? import(pathToFileURL(path).href) : import(path));
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
  const icon = iconProblem(d.icon);
  if (icon) problems.push(icon);
  else if (typeof d.icon === 'string' && !d.icon.trim().startsWith('<') && tablerSvg(d.icon.trim()) === null) problems.push(`there is no Tabler icon named "${d.icon.trim()}" (see tabler.io/icons, e.g. arrows-split)`);
  if (typeof d.config !== 'object' || d.config === null || !isFn((d.config as Record<string, unknown>).safeParse)) problems.push('config must be a zod schema');
  for (const fn of ['ports', 'summary', 'execute']) if (!isFn(d[fn])) problems.push(`${fn}() is missing`);
  if (d.category === 'trigger') {
    if (!Array.isArray(d.events) || !d.events.every((e) => EventKind.safeParse(e).success)) problems.push('events must list known event kinds');
    if (!isFn(d.matches)) problems.push('matches() is missing');
  }
  return problems;
}
