import { fileURLToPath } from 'node:url';
import { text } from '@sopline/graph';
import { defineManifest, OUT } from '@sopline/node-sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinManifests, builtinNodes, defaultRegistry, describeNodeType, describeNodeTypes, fillSummaryTemplate, iconProblem, loadRegistry } from './index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));

describe('manifest and executor', () => {
  it('every built-in has a manifest, in the same order, and its executor is that manifest plus the step', () => {
    expect(builtinManifests.map((m) => m.type)).toEqual(builtinNodes.map((d) => d.type));
    for (const [i, manifest] of builtinManifests.entries()) {
      const def = builtinNodes[i]!;
      expect(manifest).not.toHaveProperty('execute');
      expect(manifest).not.toHaveProperty('matches');
      expect(typeof def.execute).toBe('function');
      for (const [key, value] of Object.entries(manifest)) if (key !== 'ports') expect([def.type, key, (def as Record<string, unknown>)[key]]).toEqual([def.type, key, value]);
    }
  });
});

describe('nodeTypes.list descriptions', () => {
  const all = describeNodeTypes(defaultRegistry);
  const byType = (type: string) => all.find((d) => d.type === type)!;

  it('are plain JSON: what the server sends is what the designer gets', () => {
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
    expect(all.map((d) => d.type)).toEqual(builtinNodes.map((d) => d.type));
    expect(all.every((d) => d.source.kind === 'builtin' && d.configSchema !== null)).toBe(true);
  });

  it('carry both languages, the icon and the trigger events', () => {
    const trigger = byType('trigger-tag-added');
    expect(trigger.title).toEqual({ 'zh-CN': '被打上标签', en: 'Tag added' });
    expect(trigger.icon).toMatchObject({ kind: 'tabler', name: 'tags', svg: expect.stringContaining('icon-tabler-tags') });
    expect(trigger.events).toEqual(['tag.added']);
    expect(trigger.ports).toEqual({ kind: 'static', ports: [OUT] });
  });

  it('give fixed ports as a list and config-dependent ports per value of the discriminator', () => {
    expect(byType('branch-tag').ports).toEqual({ kind: 'static', ports: [expect.objectContaining({ id: 'yes' }), expect.objectContaining({ id: 'no' })] });
    expect(byType('exit').ports).toEqual({ kind: 'static', ports: [] });
    const wait = byType('wait').ports;
    expect(wait.kind).toBe('by-field');
    if (wait.kind !== 'by-field') return;
    expect(wait.field).toBe('mode');
    expect(Object.fromEntries(Object.entries(wait.cases).map(([mode, ports]) => [mode, ports.map((p) => p.id)]))).toEqual({
      duration: ['out'],
      'weekday-time': ['out'],
      'date-property': ['out', 'missing'],
    });
    expect(wait.otherwise.map((p) => p.id)).toEqual(['out']);
  });

  it("keep a field's labels, help and choices from the schema's meta", () => {
    const manifest = defineManifest({
      type: 'acme-split',
      version: 1,
      category: 'condition',
      title: text('随机分流', 'Random split'),
      description: text('按比例随机分成两路。', 'Splits customers at random.'),
      icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 12h16" stroke="currentColor"/></svg>',
      config: z.object({ percentA: z.number().int().min(0).max(100).default(50).meta({ label: text('A 路比例（%）', 'Share of path A (%)'), help: text('其余走 B', 'The rest take B') }) }),
      summary: (c) => `A ${c.percentA}%`,
      summaryTemplate: text('A 路 {{percentA}}%', 'Path A {{percentA}}%'),
      ports: () => [{ id: 'a', label: text('A 路', 'Path A') }, { id: 'b', label: text('B 路', 'Path B') }],
    });
    const d = describeNodeType(manifest, { kind: 'plugin', name: './acme' });
    expect(d.icon.kind).toBe('svg');
    expect(d.configSchema).toMatchObject({ properties: { percentA: { label: { 'zh-CN': 'A 路比例（%）', en: 'Share of path A (%)' }, help: { en: 'The rest take B' }, default: 50, maximum: 100 } } });
    expect(d.summaryTemplate).toEqual({ 'zh-CN': 'A 路 {{percentA}}%', en: 'Path A {{percentA}}%' });
    expect(fillSummaryTemplate(d.summaryTemplate!['zh-CN'], { percentA: 30 })).toBe('A 路 30%');
    expect(fillSummaryTemplate('{{tags}} / {{missing.deep}}', { tags: ['VIP', 'KOC'] })).toBe('VIP, KOC / ');
  });

  it('name the plugin a node type came from', async () => {
    const registry = await loadRegistry({ plugins: [fixture('webhook-plugin')] });
    const webhook = describeNodeTypes(registry).find((d) => d.type === 'acme-webhook');
    expect(webhook?.source).toEqual({ kind: 'plugin', name: fixture('webhook-plugin') });
    // Any Tabler icon by name: the server sends its SVG, so the web app need not bundle it.
    expect(webhook?.icon).toMatchObject({ kind: 'tabler', name: 'webhook', svg: expect.stringMatching(/^<svg[\s\S]*icon-tabler-webhook[\s\S]*<\/svg>$/) });
    expect(describeNodeTypes(registry).find((d) => d.type === 'wait')?.source).toEqual({ kind: 'builtin' });
  });
});

describe('icons', () => {
  it('take a Tabler name or a clean SVG document', () => {
    expect(iconProblem('arrows-split')).toBeNull();
    expect(iconProblem('<svg viewBox="0 0 24 24"><circle r="4"/></svg>')).toBeNull();
    expect(iconProblem('Arrows Split')).toMatch(/not a Tabler icon name/);
    expect(iconProblem('<svg onload="alert(1)"></svg>')).toMatch(/scripts, event handlers/);
    expect(iconProblem('<svg><script>alert(1)</script></svg>')).toMatch(/scripts/);
    expect(iconProblem(`<svg>${' '.repeat(20_000)}</svg>`)).toMatch(/at most/);
    expect(iconProblem('<div></div>')).toMatch(/one <svg>/);
  });
  it('refuse a Tabler name that is no icon, when the plugin loads', async () => {
    const error = await loadRegistry({ plugins: [fixture('unknown-icon-plugin')] }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain('there is no Tabler icon named "no-such-tabler-icon"');
  });
});
