import type { ConfigProblem, Text } from '@sopline/graph';
import type { z } from 'zod';
import { designerStrings } from '../strings.ts';
import { pathKey } from './schemaFields.ts';
import { getAt } from './values.ts';

type IssueKey = keyof (typeof designerStrings)['en']['form']['issues'];
type Issue = z.core.$ZodIssue;

/** Messages for a form, keyed by the field's dotted path ('' = the whole object). */
export type FieldMessages = Record<string, Text[]>;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

function message(key: IssueKey, params: Record<string, string | number> = {}): Text {
  return { 'zh-CN': fill(designerStrings['zh-CN'].form.issues[key], params), en: fill(designerStrings.en.form.issues[key], params) };
}

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
const TIME = '^([01]\\d|2[0-3]):[0-5]\\d$';

/**
 * A zod issue in words an operator understands, in both languages. `value` is what the field holds,
 * to tell "missing" from "wrong".
 */
export function issueText(issue: Issue, value: unknown): Text {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null || value === '') return message('required');
      if (issue.expected === 'int') return message('integer');
      if (issue.expected === 'number') return message('number');
      return message('invalid');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? message(value === undefined ? 'required' : 'notBlank') : message('textMin', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return message('itemsMin', { min });
      return issue.inclusive === false ? message('numberAbove', { min }) : message('numberMin', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return message('textMax', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return message('itemsMax', { max });
      return issue.inclusive === false ? message('numberBelow', { max }) : message('numberMax', { max });
    }
    case 'invalid_format':
      if (issue.format === 'regex') {
        const pattern = (issue as { pattern?: string }).pattern ?? '';
        if (pattern === TIME || pattern === `/${TIME}/`) return message('time');
        if (pattern === SLUG || pattern === `/${SLUG}/`) return message('slug');
        if (pattern === '\\S' || pattern === '/\\S/') return message('notBlank');
      }
      return message('pattern');
    case 'invalid_value':
    case 'invalid_union':
      return value === undefined ? message('required') : message('choose');
    case 'not_multiple_of':
      return message('integer');
    default:
      return message('invalid');
  }
}

/** The schema's "at most N characters", to recognise it among a field's messages. */
export const textMaxMessage = (max: number): Text => message('textMax', { max });

/**
 * Why a number typed into a field is refused before it reaches the draft (below the minimum, above
 * the maximum, a fraction where a whole number is wanted), or null when it is acceptable.
 */
export function numberRefusal(value: number, spec: { integer: boolean; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }): Text | null {
  if (!Number.isFinite(value)) return message('number');
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) return message(spec.minExclusive ? 'numberAbove' : 'numberMin', { min: spec.min });
  if (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max)) return message(spec.maxExclusive ? 'numberBelow' : 'numberMax', { max: spec.max });
  if (spec.integer && !Number.isInteger(value)) return message('integer');
  return null;
}

function add(into: FieldMessages, key: string, text: Text) {
  const list = (into[key] ??= []);
  if (!list.some((t) => t.en === text.en)) list.push(text);
}

/**
 * Groups schema issues and the node type's own problems (`validate`) by field path, so each
 * message shows under the field it is about.
 */
export function messagesByField(config: unknown, issues: readonly Issue[], problems: readonly ConfigProblem[] = []): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // A union whose discriminator is missing or unknown: point at the discriminator field.
    const discriminator = issue.code === 'invalid_union' ? (issue as { discriminator?: string }).discriminator : undefined;
    const at = discriminator && path[path.length - 1] !== discriminator ? [...path, discriminator] : [...path];
    // An item of a list (tags.0) is shown on the list.
    while (typeof at[at.length - 1] === 'number') at.pop();
    add(out, pathKey(at), issueText(issue, getAt(config, at)));
  }
  for (const p of problems) add(out, pathKey(p.path), p.message);
  return out;
}

/** Messages at paths no field shows (listed above the form instead of being lost). */
export function unplacedMessages(messages: FieldMessages, shownPaths: readonly string[]): Text[] {
  const shown = new Set(shownPaths);
  return Object.entries(messages)
    .filter(([key]) => !shown.has(key))
    .flatMap(([, texts]) => texts);
}
