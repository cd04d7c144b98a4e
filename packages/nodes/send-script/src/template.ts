import { text } from '@sopline/graph';
import type { ConfigProblem } from '@sopline/graph';
import { isKnownVariable, suggestVariable } from './variables.ts';

export type ScriptPart = { kind: 'text'; text: string } | { kind: 'variable'; name: string } | { kind: 'unclosed'; at: number };

/**
 * Splits a script into text and `{{ variable }}` parts (spaces inside the braces are optional).
 * A `{{` with no `}}` before the next `{{` is kept as text and reported as unclosed.
 */
export function parseScript(template: string): ScriptPart[] {
  const parts: ScriptPart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open === -1) break;
    if (open > i) parts.push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}}', open + 2);
    const reopen = template.indexOf('{{', open + 2);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      parts.push({ kind: 'unclosed', at: open }, { kind: 'text', text: '{{' });
      i = open + 2;
      continue;
    }
    parts.push({ kind: 'variable', name: template.slice(open + 2, close).trim() });
    i = close + 2;
  }
  if (i < template.length) parts.push({ kind: 'text', text: template.slice(i) });
  return parts;
}

/** The variable names a script uses, each once, in order of first use. */
export function scriptVariables(template: string): string[] {
  const names = parseScript(template).flatMap((p) => (p.kind === 'variable' ? [p.name] : []));
  return [...new Set(names)];
}

function format(value: unknown, listSeparator: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => format(v, listSeparator)).filter((v) => v !== '').join(listSeparator);
  return '';
}

/**
 * Fills `{{ name }}` from `vars`, a flat map keyed by variable name ('customer.name',
 * 'customer.properties.city' …). Missing and unknown values become ''. Lists join with '、' in a
 * Chinese script and ', ' otherwise.
 */
export function renderScript(template: string, vars: Readonly<Record<string, unknown>>): string {
  const separator = /[\u3400-\u9fff]/.test(template) ? '、' : ', ';
  return parseScript(template)
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'variable' ? (Object.hasOwn(vars, p.name) ? format(vars[p.name], separator) : '') : ''))
    .join('');
}

const MAX_PROBLEMS = 20;

export function scriptProblems(template: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const parts = parseScript(template);
  if (parts.some((p) => p.kind === 'unclosed')) {
    problems.push({ code: 'script.unclosed', path: ['script'], message: text('话术中有未闭合的「{{」：变量要写成 {{customer.name}} 这样', 'The script has a "{{" that is never closed: write variables like {{customer.name}}') });
  }
  for (const name of scriptVariables(template)) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (isKnownVariable(name)) continue;
    const hint = suggestVariable(name);
    const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
    problems.push({
      code: 'script.unknown-variable',
      path: ['script'],
      message: hint
        ? text(`话术中的变量「{{${shown}}}」不存在，是否想用「{{${hint}}}」？`, `The script uses an unknown variable "{{${shown}}}" — did you mean "{{${hint}}}"?`)
        : text(`话术中的变量「{{${shown}}}」不存在`, `The script uses an unknown variable "{{${shown}}}"`),
    });
  }
  return problems;
}
