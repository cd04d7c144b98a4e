import { z } from 'zod';

/** The part of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) the form understands. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  description?: string;
  /** The field's name and help in both languages, from the node package (zod `.meta({ label, help })`). */
  label?: { 'zh-CN': string; en: string };
  help?: { 'zh-CN': string; en: string };
  /** A node package's labelled values for a text field (zod `.meta({ choices, other })`); `other` allows its own words too. */
  choices?: FieldChoice[];
  other?: boolean;
  /** Names of a choice's values in both languages (zod `.meta({ values: { high: text('高', 'High') } })`), for enums, their lists and a union's discriminator. */
  values?: Record<string, Bilingual>;
};

type Bilingual = { 'zh-CN': string; en: string };

export type FieldChoice = { value: string; label: Bilingual };

export type FieldPath = (string | number)[];

type FieldBase = {
  /** The property name ('' for a union that lives in its parent object). */
  key: string;
  path: FieldPath;
  /** Must be given: no default fills it in. */
  required: boolean;
  default?: unknown;
  description?: string;
  /** The package's own label and help (schema meta), which win over the designer's dictionary. */
  label?: { 'zh-CN': string; en: string };
  help?: { 'zh-CN': string; en: string };
  /** The package's names for the field's values (schema meta `values`), which win over the designer's dictionary. */
  values?: Record<string, Bilingual>;
};

export type UnionVariant = { value: string; fields: FieldSpec[] };

export type FieldSpec = FieldBase &
  (
    | { kind: 'text'; multiline: boolean; minLength?: number; maxLength?: number; pattern?: string; time: boolean; choices?: FieldChoice[]; other?: boolean }
    | { kind: 'number'; integer: boolean; min?: number; max?: number; minExclusive?: true; maxExclusive?: true }
    | { kind: 'boolean' }
    | { kind: 'enum'; options: string[] }
    | { kind: 'tags'; minItems?: number; maxItems?: number }
    | { kind: 'multi'; options: Array<string | number>; minItems?: number; maxItems?: number }
    | { kind: 'object'; fields: FieldSpec[] }
    /** A discriminated union: the discriminator picks which variant's fields show, in the same object. */
    | { kind: 'union'; discriminator: string; variants: UnionVariant[]; defaultVariant: string; discriminatorLabel?: Bilingual; discriminatorHelp?: Bilingual; discriminatorValues?: Record<string, Bilingual> }
    | { kind: 'unsupported'; schema: JsonSchema }
  );

/** Strings longer than this get a textarea. */
export const MULTILINE_FROM = 200;
/** Integer arrays over a range this small become a set of chips (e.g. weekdays 1–7). */
const CHIP_RANGE = 31;
/** The "HH:mm" pattern the wait node uses for times of day. */
const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

/** A zod config schema as JSON Schema, in its input shape (fields with defaults are optional). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/** The fields of a node config (or any object schema), in declaration order. */
export function formFields(schema: JsonSchema): FieldSpec[] {
  const union = unionOf(schema, []);
  if (union) return [union];
  if (isObject(schema)) return objectFields(schema, []);
  return [{ key: '', path: [], required: true, kind: 'unsupported', schema }];
}

function isObject(s: JsonSchema): boolean {
  return s.type === 'object' || (s.type === undefined && s.properties !== undefined);
}

/** `X | null` (a nullable field) is shown as X. */
function withoutNull(s: JsonSchema): JsonSchema {
  const options = s.anyOf ?? s.oneOf;
  if (!options) return s;
  const rest = options.filter((o) => o.type !== 'null');
  if (rest.length === 1 && rest.length < options.length) return { ...rest[0]!, default: 'default' in s ? s.default : rest[0]!.default, description: s.description ?? rest[0]!.description };
  return s;
}

const isText = (v: unknown): v is { 'zh-CN': string; en: string } =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['zh-CN'] === 'string' && typeof (v as Record<string, unknown>).en === 'string';

/** The value names a schema gives, keeping only well-formed ones (a plugin's schema is not trusted). */
function valuesOf(...schemas: Array<JsonSchema | undefined>): Record<string, Bilingual> | undefined {
  const out: Record<string, Bilingual> = {};
  for (const s of schemas) {
    if (typeof s?.values !== 'object' || s.values === null) continue;
    for (const [value, label] of Object.entries(s.values)) if (isText(label)) out[value] = label;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function objectFields(s: JsonSchema, path: FieldPath): FieldSpec[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, child]) => fieldOf(key, child, [...path, key], required.has(key)));
}

function fieldOf(key: string, raw: JsonSchema, path: FieldPath, required: boolean): FieldSpec {
  const s = withoutNull(raw);
  // An array's value names may sit on the list or on its items.
  const values = valuesOf(s, s.items);
  const base: FieldBase = { key, path, required: required && s.default === undefined, ...(s.default !== undefined ? { default: s.default } : {}), ...(s.description ? { description: s.description } : {}), ...(isText(s.label) ? { label: s.label } : {}), ...(isText(s.help) ? { help: s.help } : {}), ...(values ? { values } : {}) };
  const union = unionOf(s, path);
  if (union) return { ...union, ...base };
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (s.enum && s.enum.every((v) => typeof v === 'string')) return { ...base, kind: 'enum', options: s.enum as string[] };
  if (typeof s.const === 'string') return { ...base, kind: 'enum', options: [s.const] };
  switch (type) {
    case 'string':
      return {
        ...base,
        kind: 'text',
        multiline: (s.maxLength ?? 0) > MULTILINE_FROM,
        time: s.pattern === TIME_PATTERN,
        ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
        ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
        ...(s.pattern !== undefined ? { pattern: s.pattern } : {}),
        ...(s.choices ? { choices: s.choices, other: s.other === true } : {}),
      };
    case 'integer':
    case 'number':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        ...(s.minimum !== undefined ? { min: s.minimum } : s.exclusiveMinimum !== undefined ? { min: s.exclusiveMinimum, minExclusive: true as const } : {}),
        ...(s.maximum !== undefined ? { max: s.maximum } : s.exclusiveMaximum !== undefined ? { max: s.exclusiveMaximum, maxExclusive: true as const } : {}),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object':
      return { ...base, kind: 'object', fields: objectFields(s, path) };
    case 'array':
      return arrayField(base, s);
    default:
      if (isObject(s)) return { ...base, kind: 'object', fields: objectFields(s, path) };
      return { ...base, kind: 'unsupported', schema: s };
  }
}

function arrayField(base: FieldBase, s: JsonSchema): FieldSpec {
  const items = s.items ?? {};
  const bounds = { ...(s.minItems !== undefined ? { minItems: s.minItems } : {}), ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}) };
  if (items.enum && items.enum.every((v) => typeof v === 'string' || typeof v === 'number')) return { ...base, kind: 'multi', options: items.enum as Array<string | number>, ...bounds };
  if (items.type === 'integer' && items.minimum !== undefined && items.maximum !== undefined && items.maximum - items.minimum <= CHIP_RANGE) {
    const options = Array.from({ length: items.maximum - items.minimum + 1 }, (_, i) => items.minimum! + i);
    return { ...base, kind: 'multi', options, ...bounds };
  }
  if (items.type === 'string' && !items.enum) return { ...base, kind: 'tags', ...bounds };
  return { ...base, kind: 'unsupported', schema: s };
}

/** A oneOf / anyOf of objects that all fix one property to a different constant. */
function unionOf(s: JsonSchema, path: FieldPath): (FieldBase & Extract<FieldSpec, { kind: 'union' }>) | null {
  const options = (s.oneOf ?? s.anyOf)?.filter((o) => o.type !== 'null');
  if (!options || options.length < 2 || !options.every(isObject)) return null;
  const first = options[0]!;
  const discriminator = Object.keys(first.properties ?? {}).find((key) =>
    options.every((o) => typeof o.properties?.[key]?.const === 'string' || (o.properties?.[key]?.enum?.length === 1 && typeof o.properties[key].enum[0] === 'string')),
  );
  if (!discriminator) return null;
  const constOf = (o: JsonSchema) => {
    const p = o.properties![discriminator]!;
    return (p.const ?? p.enum![0]) as string;
  };
  const variants = options.map((o) => ({
    value: constOf(o),
    fields: objectFields({ ...o, properties: Object.fromEntries(Object.entries(o.properties ?? {}).filter(([k]) => k !== discriminator)) }, path),
  }));
  // The variant whose discriminator has a default is what an empty config means.
  const defaulted = options.find((o) => o.properties![discriminator]!.default !== undefined);
  // The discriminator's label and help: the first variant that gives them (each variant's literal may carry them).
  const label = options.map((o) => o.properties![discriminator]!.label).find(isText);
  const help = options.map((o) => o.properties![discriminator]!.help).find(isText);
  // Each variant's literal may name its own value, or one of them all of them.
  const values = valuesOf(...options.map((o) => o.properties![discriminator]));
  return {
    key: '',
    path,
    required: true,
    kind: 'union',
    discriminator,
    variants,
    defaultVariant: defaulted ? constOf(defaulted) : variants[0]!.value,
    ...(label ? { discriminatorLabel: label } : {}),
    ...(help ? { discriminatorHelp: help } : {}),
    ...(values ? { discriminatorValues: values } : {}),
  };
}

/** The variant an object currently is: its discriminator value, else the default variant. */
export function activeVariant(field: Extract<FieldSpec, { kind: 'union' }>, value: Record<string, unknown>): UnionVariant {
  const chosen = value[field.discriminator];
  return field.variants.find((v) => v.value === chosen) ?? field.variants.find((v) => v.value === field.defaultVariant) ?? field.variants[0]!;
}

/** Every path the form shows a field for (so messages for other paths can be listed separately). */
export function fieldPaths(fields: FieldSpec[], value: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.kind === 'union') {
      out.push(pathKey([...f.path, f.discriminator]));
      out.push(...fieldPaths(activeVariant(f, objectAt(value, f.path)).fields, value));
      continue;
    }
    out.push(pathKey(f.path));
    if (f.kind === 'object') out.push(...fieldPaths(f.fields, value));
  }
  return out;
}

export function pathKey(path: readonly (string | number | symbol)[]): string {
  return path.map(String).join('.');
}

function objectAt(value: Record<string, unknown>, path: FieldPath): Record<string, unknown> {
  let cursor: unknown = value;
  for (const key of path) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string | number, unknown>)[key] : undefined;
  return cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>) : {};
}
