import type { FormEnv } from './FormContext.ts';
import type { Lang } from '@sopline/graph';
import { designerStrings } from '../strings.ts';
import type { FieldPath } from './schemaFields.ts';

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

function lookup(dict: Dict, path: FieldPath): string | undefined {
  const [full, last] = keysOf(path);
  return dict[full] ?? dict[last];
}

/** A field's label: the dictionary's (by full path, then by name), else one made from the name. */
export function fieldLabel(path: FieldPath, lang: Lang): string {
  return lookup(designerStrings[lang].fields as Dict, path) ?? humanize(keysOf(path)[1]);
}

export function fieldHelp(path: FieldPath, lang: Lang): string | undefined {
  return lookup(designerStrings[lang].help as Dict, path);
}

/** An option's label, e.g. unit 'days' → '天'; unknown values are made readable. */
export function valueLabel(path: FieldPath, value: string | number, lang: Lang): string {
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
