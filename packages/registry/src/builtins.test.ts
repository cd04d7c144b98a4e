import { readFileSync } from 'node:fs';
import { LANGS, PortId } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodes, describeNodeType } from './index.ts';

/** The smallest config each type accepts, where `{}` is not enough. */
const MINIMAL: Record<string, unknown> = {
  'trigger-tag-added': { tags: ['VIP'] },
  'trigger-stage-changed': { to: 'paid' },
  'branch-tag': { tags: ['VIP'] },
  'send-script': { script: '{{customer.name}}您好' },
  'add-tag': { tags: ['VIP'] },
  'remove-tag': { tags: ['VIP'] },
  'set-stage': { stage: 'paid' },
};

type JsonField = {
  label?: Record<string, unknown>;
  help?: Record<string, unknown>;
  values?: Record<string, Record<string, unknown>>;
  properties?: Record<string, JsonField>;
  oneOf?: JsonField[];
  anyOf?: JsonField[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonField & { minimum?: number; maximum?: number; type?: string };
};

/** The values a form offers for a field: an enum's, a literal's (a union's discriminator), a list's items'. */
function offered(field: JsonField): string[] {
  if (field.enum) return field.enum.map(String);
  if (field.const !== undefined) return [String(field.const)];
  const items = field.items;
  if (items?.enum) return items.enum.map(String);
  if (items?.type === 'integer' && items.minimum !== undefined && items.maximum !== undefined) return Array.from({ length: items.maximum - items.minimum + 1 }, (_, i) => String(items.minimum! + i));
  return [];
}

/**
 * Every field a form shows, with what is missing from its label or help: the properties of the schema, of
 * each union variant (the discriminator included) and of nested objects, as nodeTypes.list sends them.
 */
function labelProblems(schema: JsonField, path: string[] = []): string[] {
  const problems: string[] = [];
  for (const object of schema.oneOf ?? schema.anyOf ?? [schema]) {
    for (const [key, field] of Object.entries(object.properties ?? {})) {
      const at = [...path, key].join('.');
      for (const lang of LANGS) {
        const label = field.label?.[lang];
        if (typeof label !== 'string' || label.trim() === '') problems.push(`${at}: no ${lang} label`);
        if (field.help !== undefined && (typeof field.help[lang] !== 'string' || (field.help[lang] as string).trim() === '')) problems.push(`${at}: no ${lang} help`);
      }
      // A Chinese screen shows no English field names.
      if (typeof field.label?.['zh-CN'] === 'string' && !/[\u3400-\u9fff]/.test(field.label['zh-CN'])) problems.push(`${at}: zh-CN label is not Chinese`);
      // Nor raw values: each choice is named by the package, in both languages.
      for (const value of offered(field)) {
        for (const lang of LANGS) {
          const name = field.values?.[value]?.[lang] ?? field.items?.values?.[value]?.[lang];
          if (typeof name !== 'string' || name.trim() === '') problems.push(`${at}=${value}: no ${lang} name`);
          else if (lang === 'zh-CN' && !/[\u3400-\u9fff]/.test(name)) problems.push(`${at}=${value}: zh-CN name is not Chinese`);
        }
      }
      if (field.properties || field.oneOf || field.anyOf) problems.push(...labelProblems(field, [...path, key]));
    }
  }
  return problems;
}

describe.each(builtinNodes.map((def) => [def.type, def] as const))('built-in %s', (type, def) => {
  const config = def.config.safeParse({}).success ? def.config.parse({}) : def.config.parse(MINIMAL[type]);

  it('speaks both languages and has an icon and search aliases', () => {
    for (const lang of LANGS) {
      expect(def.title[lang].trim()).not.toBe('');
      expect(def.description[lang].trim().length).toBeGreaterThan(10);
      expect(def.summary(config, lang).trim()).not.toBe('');
    }
    expect(def.title['zh-CN']).not.toBe(def.title.en);
    expect(def.icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(def.aliases?.length).toBeGreaterThan(2);
  });

  it('parses {} or a minimal config, and only needs MINIMAL where {} fails', () => {
    expect(def.config.safeParse({}).success).toBe(!(type in MINIMAL));
    expect(def.version).toBe(1);
  });

  it('has well-formed, unique ports; triggers have exactly "out"', () => {
    const ids = def.ports(config).map((p) => p.id);
    for (const id of ids) expect(PortId.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of def.ports(config)) for (const lang of LANGS) expect(p.label[lang]).not.toBe('');
    if (def.category === 'trigger') expect(ids).toEqual(['out']);
    if (def.category === 'exit') expect(ids).toEqual([]);
  });

  it('yields a JSON schema for the generic form', () => {
    expect(() => z.toJSONSchema(def.config, { io: 'input' })).not.toThrow();
    expect(() => z.toJSONSchema(def.config)).not.toThrow();
  });

  it('labels every field of its config in both languages, in its own schema', () => {
    const schema = describeNodeType(def, { kind: 'builtin' }).configSchema as JsonField;
    expect(labelProblems(schema)).toEqual([]);
  });

  it('lives in the folder its package.json names', () => {
    const pkg = JSON.parse(readFileSync(new URL(`../../nodes/${type}/package.json`, import.meta.url), 'utf8')) as { name: string; sopline: { node: string } };
    expect(pkg.sopline.node).toBe(type);
    expect(pkg.name).toBe(`@sopline/node-${type}`);
  });
});

describe('the label check', () => {
  it('finds an unlabelled field or value, a missing language and English on the Chinese side, in variants and nested objects too', () => {
    const label = { 'zh-CN': '数量', en: 'Amount' };
    const config = z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('a').meta({ label, values: { a: { 'zh-CN': '甲', en: 'A' } } }), amount: z.number().meta({ label }), size: z.enum(['s', 'm']).meta({ label, values: { s: { 'zh-CN': 'Small', en: 'Small' } } }) }),
      z.object({ mode: z.literal('b').meta({ label: { 'zh-CN': 'Mode', en: 'Mode' } }), due: z.object({ after: z.number() }).meta({ label }), note: z.string().meta({ label: { en: 'Note' } }) }),
    ]);
    expect(labelProblems(z.toJSONSchema(config, { io: 'input' }) as JsonField)).toEqual([
      'size=s: zh-CN name is not Chinese',
      'size=m: no zh-CN name',
      'size=m: no en name',
      'mode: zh-CN label is not Chinese',
      'mode=b: no zh-CN name',
      'mode=b: no en name',
      'due.after: no zh-CN label',
      'due.after: no en label',
      'note: no zh-CN label',
    ]);
  });
});
