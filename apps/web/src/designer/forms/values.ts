import type { FieldPath, FieldSpec } from './schemaFields.ts';
import { activeVariant } from './schemaFields.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function getAt(value: unknown, path: FieldPath): unknown {
  let cursor = value;
  for (const key of path) cursor = isObj(cursor) || Array.isArray(cursor) ? (cursor as Record<string | number, unknown>)[key] : undefined;
  return cursor;
}

/** The fields shown at one object level: a union contributes its discriminator's active variant. */
function levelFields(fields: FieldSpec[], root: Obj): FieldSpec[] {
  return fields.flatMap((f) => (f.kind === 'union' ? levelFields(activeVariant(f, isObj(getAt(root, f.path)) ? (getAt(root, f.path) as Obj) : {}).fields, root) : [f]));
}

/**
 * Sets one field, immutably. A missing parent object is first filled with its schema default (so
 * setting `event.tag` on a node whose `event` is still the default keeps `kind`). `undefined`
 * removes the key, so an emptied optional field falls back to "not set" or its default.
 */
export function setField(config: Obj, fields: FieldSpec[], path: FieldPath, value: unknown): Obj {
  const root: Obj = { ...config };
  let cursor: Obj = root;
  let specs = levelFields(fields, root);
  for (const key of path.slice(0, -1)) {
    const spec = specs.find((f) => f.key === key);
    const current = cursor[key as string];
    const next: Obj = isObj(current) ? { ...current } : isObj(spec?.default) ? structuredClone(spec.default) : {};
    cursor[key as string] = next;
    cursor = next;
    specs = spec?.kind === 'object' ? levelFields(spec.fields, root) : [];
  }
  const leaf = path[path.length - 1];
  if (leaf === undefined) return isObj(value) ? value : root;
  if (value === undefined) delete cursor[leaf as string];
  else cursor[leaf as string] = value;
  return root;
}

/** The value a field effectively has: what is set, else its default. */
export function effectiveValue(config: Obj, fields: FieldSpec[], path: FieldPath): unknown {
  let cursor: unknown = config;
  let specs = levelFields(fields, config);
  for (const key of path) {
    const spec = specs.find((f) => f.key === key);
    const set = isObj(cursor) ? cursor[key as string] : undefined;
    cursor = set !== undefined ? set : spec?.default;
    specs = spec?.kind === 'object' ? levelFields(spec.fields, config) : [];
  }
  return cursor;
}

/**
 * Switches a union to another variant: the discriminator, the new variant's defaults, and any value
 * the two variants share (e.g. `time`) carried over.
 */
export function switchVariant(config: Obj, union: Extract<FieldSpec, { kind: 'union' }>, value: string): Obj {
  const variant = union.variants.find((v) => v.value === value);
  if (!variant) return config;
  const current = union.path.length === 0 ? config : isObj(getAt(config, union.path)) ? (getAt(config, union.path) as Obj) : {};
  const next: Obj = { [union.discriminator]: value };
  for (const f of variant.fields) {
    if (current[f.key] !== undefined) next[f.key] = current[f.key];
    else if (f.default !== undefined) next[f.key] = structuredClone(f.default);
  }
  if (union.path.length === 0) return next;
  return setField(config, [], union.path, next);
}

/** Filters of an event that make sense for its kind (the rest are hidden and cleared). */
const EVENT_FILTERS: Record<string, string[]> = {
  purchase: ['product', 'category', 'minAmount'],
  'tag.added': ['tag'],
  'tag.removed': ['tag'],
  'stage.changed': ['stage'],
  custom: ['name'],
};
const ALL_EVENT_FILTERS = new Set(Object.values(EVENT_FILTERS).flat());

/** True for an object shaped like an event filter: a `kind` choice plus optional filters. */
export function isEventFilter(fields: FieldSpec[]): boolean {
  const kind = fields.find((f) => f.key === 'kind');
  return kind?.kind === 'enum' && kind.options.includes('purchase') && fields.every((f) => f.key === 'kind' || ALL_EVENT_FILTERS.has(f.key));
}

export function eventFilterApplies(kind: unknown, key: string): boolean {
  return key === 'kind' || (typeof kind === 'string' && (EVENT_FILTERS[kind] ?? []).includes(key));
}

/** A new event kind, dropping filters the new kind cannot use. */
export function withEventKind(filter: Obj, kind: string): Obj {
  return Object.fromEntries([['kind', kind], ...Object.entries(filter).filter(([key]) => key !== 'kind' && eventFilterApplies(kind, key))]);
}
