import type { FormEnv } from './FormContext.ts';
import type { Lang } from '@sopline/graph';
import { designerStrings } from '../strings.ts';
import type { FieldPath, FieldSpec } from './schemaFields.ts';

type Dict = Record<string, string>;

/** 'afterMinutes' → 'After minutes', 'date-property' → 'Date property', 'tag.added' → 'Tag added'. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The dotted path without list indexes and its last name: the two keys a dictionary is read by. */
function keysOf(path: FieldPath): [string, string] {
  const names = path.filter((p): p is string => typeof p === 'string');
  return [names.join('.'), names[names.length - 1] ?? ''];
}

/**
 * A field's label when its schema gives none: one made from its name. Node types label their fields in
 * their own config schema (`.meta({ label, help })`, read by formFields); this is the last resort.
 */
export function fieldLabel(path: FieldPath): string {
  return humanize(keysOf(path)[1]);
}

/** The label of a config's top-level field (through union variants), from its schema, e.g. for a diff. */
export function topFieldLabel(fields: readonly FieldSpec[], key: string, lang: Lang): string {
  for (const f of fields) {
    if (f.kind === 'union') {
      if (f.discriminator === key && f.discriminatorLabel) return f.discriminatorLabel[lang];
      const inVariant = f.variants.flatMap((v) => v.fields).find((v) => v.key === key && v.label);
      if (inVariant?.label) return inVariant.label[lang];
    } else if (f.key === key && f.label) return f.label[lang];
  }
  return humanize(key);
}

/**
 * An option's label, e.g. unit 'days' → '天': the node package's own name for it (schema meta
 * `values`), else the designer's dictionary of the shared words (stages, event kinds), else the value
 * made readable.
 */
export function valueLabel(path: FieldPath, value: string | number, lang: Lang, own?: Readonly<Record<string, { 'zh-CN': string; en: string }>>): string {
  const mine = own?.[String(value)];
  if (mine) return mine[lang];
  const values = designerStrings[lang].values as Record<string, Dict>;
  const [full, last] = keysOf(path);
  return values[full]?.[String(value)] ?? values[last]?.[String(value)] ?? (typeof value === 'number' ? String(value) : humanize(value));
}

/** Known values for a free-text field (stages, for instance), offered as suggestions. */
/**
 * What to offer while typing a field: the workspace's stages for a stage (the method's defaults until
 * its list has loaded), its date properties for the property a date wait reads.
 */
export function suggestionsFor(path: FieldPath, lang: Lang, env: Pick<FormEnv, 'stages' | 'properties'> = {}): Array<{ value: string; label: string }> {
  const [, last] = keysOf(path);
  if (last === 'stage' || last === 'to' || last === 'from') {
    if (env.stages?.length) return env.stages.map((s) => ({ value: s.code, label: s.label[lang] }));
    return Object.entries(designerStrings[lang].values.stage).map(([value, label]) => ({ value, label }));
  }
  if (last === 'property') return (env.properties ?? []).filter((p) => p.type === 'date').map((p) => ({ value: p.key, label: p.label[lang] }));
  return [];
}
