import { readFileSync } from 'node:fs';
import { LANGS, PortId } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodes } from './index.ts';

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

  it('lives in the folder its package.json names', () => {
    const pkg = JSON.parse(readFileSync(new URL(`../../nodes/${type}/package.json`, import.meta.url), 'utf8')) as { name: string; sopline: { node: string } };
    expect(pkg.sopline.node).toBe(type);
    expect(pkg.name).toBe(`@sopline/node-${type}`);
  });
});
