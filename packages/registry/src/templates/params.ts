import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { z } from 'zod';
import type { TemplateParam, TemplateParamValues } from './types.ts';

/** Scripts are built from text parameters, so braces would read as a broken {{variable}}. */
const NO_BRACES = /^[^{}]*$/;

function paramSchema(p: TemplateParam): z.ZodType {
  if (p.kind === 'text') {
    const base = z.string().trim().max(p.maxLength).regex(NO_BRACES);
    return (p.optional ? base : base.min(1)).default(p.default);
  }
  const base = z.number().min(p.min).max(p.max);
  return (p.kind === 'integer' ? base.int() : base).default(p.default);
}

/** The zod schema of a template's parameters, each filled with its default when left out. */
export function paramsSchema(params: readonly TemplateParam[]) {
  return z.strictObject(Object.fromEntries(params.map((p) => [p.key, paramSchema(p)])));
}

/** What a value must look like, in words the create dialog shows under the field. */
export function paramRule(p: TemplateParam): Text {
  const [zh, en] = [p.label['zh-CN'], p.label.en];
  if (p.kind === 'text') {
    return p.optional
      ? text(`「${zh}」最多 ${p.maxLength} 个字，不能含有 { 或 }`, `"${en}" takes at most ${p.maxLength} characters, without { or }`)
      : text(`请填写「${zh}」：最多 ${p.maxLength} 个字，不能含有 { 或 }`, `Fill in "${en}": at most ${p.maxLength} characters, without { or }`);
  }
  return p.kind === 'integer'
    ? text(`「${zh}」须为 ${p.min}–${p.max} 之间的整数`, `"${en}" must be a whole number from ${p.min} to ${p.max}`)
    : text(`「${zh}」须为 ${p.min}–${p.max} 之间的数`, `"${en}" must be a number from ${p.min} to ${p.max}`);
}

export type ParamProblem = { key: string | null; message: Text };
export type ParsedParams = { ok: true; values: TemplateParamValues } | { ok: false; problems: ParamProblem[] };

/** Validates raw parameters (from the dialog or the API) against a template's specs. */
export function parseTemplateParams(params: readonly TemplateParam[], raw: unknown): ParsedParams {
  const result = paramsSchema(params).safeParse(raw ?? {});
  if (result.success) return { ok: true, values: result.data as TemplateParamValues };
  const problems: ParamProblem[] = [];
  for (const issue of result.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : null;
    const spec = params.find((p) => p.key === key);
    if (spec) {
      if (!problems.some((x) => x.key === key)) problems.push({ key, message: paramRule(spec) });
    } else if (issue.code === 'unrecognized_keys') {
      for (const extra of issue.keys) problems.push({ key: extra, message: text(`模板没有参数「${extra}」`, `The template has no parameter "${extra}"`) });
    } else {
      problems.push({ key: null, message: text('模板参数须为一个对象', 'Template parameters must be an object') });
    }
  }
  return { ok: false, problems };
}
