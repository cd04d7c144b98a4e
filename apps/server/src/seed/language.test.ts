import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { DomainDeps } from '@sopline/domain';
import { FakeRunner } from '@sopline/domain/testing';
import { defaultRegistry } from '@sopline/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { seedDemo } from './demo.ts';

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
/** Latin words other than the brand's own tags and script variables. */
const latinWords = (s: string) => (s.replace(/\{\{[\w.]+\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !['KOC', 'VIP'].includes(w));

/** Everything the demo writes that a person reads: names, journeys and their nodes' words (codes in configs aside), versions, tags, tasks, cities. */
async function wordsOf(deps: DomainDeps, workspaceId: string) {
  const db = deps.db;
  const workspace = await repos(db).workspaces.get(workspaceId);
  const journeys = await db.selectFrom('journeys').select(['name', 'draft_graph']).where('workspace_id', '=', workspaceId).execute();
  const versions = await db.selectFrom('journey_versions').select(['notes', 'graph']).where('workspace_id', '=', workspaceId).execute();
  const graphs = [...journeys.map((j) => j.draft_graph), ...versions.map((v) => v.graph)].map((g) => (typeof g === 'string' ? JSON.parse(g) : g) as { nodes: Array<{ label?: string; config: Record<string, unknown> }> });
  const nodeTexts = graphs.flatMap((g) => g.nodes.flatMap((n) => [n.label ?? '', ...['title', 'script', 'tags'].map((k) => n.config[k]).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []))]));
  const customers = await db.selectFrom('customers').select(['name', 'properties']).where('workspace_id', '=', workspaceId).execute();
  const tags = await db.selectFrom('tags').select('name').where('workspace_id', '=', workspaceId).execute();
  const tasks = await db.selectFrom('tasks').select('title').where('workspace_id', '=', workspaceId).execute();
  const users = await db.selectFrom('users').select('name').where('workspace_id', '=', workspaceId).execute();
  const cities = customers.map((c) => String((typeof c.properties === 'string' ? JSON.parse(c.properties) : c.properties).city));
  return {
    names: [workspace!.name, ...journeys.map((j) => j.name), ...versions.map((v) => v.notes ?? ''), ...users.map((u) => u.name)],
    data: [...nodeTexts, ...customers.map((c) => c.name), ...cities, ...tags.map((t) => t.name), ...tasks.map((t) => t.title)],
  };
}

describe('the demo is seeded in one language', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });
  async function seeded(lang?: 'zh-CN' | 'en') {
    const conn = await openTestDatabase({ prefix: `demo-${lang ?? 'default'}` });
    closers.push(() => conn.close());
    const deps: DomainDeps = { db: conn.db, registry: defaultRegistry, runner: new FakeRunner() };
    const result = await seedDemo(deps, { customers: 60, inFlight: 5, lang });
    return { deps, result, words: await wordsOf(deps, result.workspace.id) };
  }

  it('in Chinese by default: no English beside the Chinese names, nor anywhere in what it writes', async () => {
    const { words } = await seeded();
    expect(words.names.slice(0, 4)).toEqual(['示例品牌', expect.any(String), expect.any(String), '初始版本']);
    expect(words.names).toContain('零售生命周期');
    expect(words.names).toContain('沉睡客户召回');
    const english = [...words.names, ...words.data].filter((s) => latinWords(s).length > 0);
    expect(english).toEqual([]);
  }, 60_000);

  it('in English with lang en: no Chinese in its names, journeys, scripts, tags, customers or tasks', async () => {
    const { deps, result, words } = await seeded('en');
    expect(result.workspace.name).toBe('Demo Shop');
    expect(words.names).toContain('Retail lifecycle');
    expect(words.names).toContain('First version');
    const chinese = [...words.names, ...words.data].filter((s) => CJK.test(s));
    expect(chinese).toEqual([]);
    // The dashboards still find its dormant and churned customers, and the retail journey's customers.
    const tags = new Set((await deps.db.selectFrom('tags').select('name').where('workspace_id', '=', result.workspace.id).execute()).map((t) => t.name));
    expect(tags.has('dormant')).toBe(true);
    expect(result.enrolled).toBe(5);
  }, 60_000);

  it('takes its language from SOPLINE_SEED_LANG (zh-CN unless en), and refuses another', () => {
    expect(loadConfig({ SOPLINE_DATA_DIR: '/tmp/sopline-seed-lang' }).seedLang).toBe('zh-CN');
    expect(loadConfig({ SOPLINE_DATA_DIR: '/tmp/sopline-seed-lang', SOPLINE_SEED_LANG: 'en' }).seedLang).toBe('en');
    expect(() => loadConfig({ SOPLINE_DATA_DIR: '/tmp/sopline-seed-lang', SOPLINE_SEED_LANG: 'fr' })).toThrow(/SOPLINE_SEED_LANG/);
  });
});
