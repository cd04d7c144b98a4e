import { repos } from '@sopline/db';
import { JourneyGraph, LANGS } from '@sopline/graph';
import type { Lang } from '@sopline/graph';
import { instantiateTemplate, JOURNEY_TEMPLATES } from '@sopline/registry';
import type { JourneyTemplate } from '@sopline/registry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { publishDraft } from './lifecycle.ts';
import { createJourneyFromTemplate } from './templates.ts';

/** Defaults, and every parameter at the low and the high end of its range. */
function paramSets(t: JourneyTemplate): Array<Record<string, unknown>> {
  if (t.params.length === 0) return [{}];
  return [
    {},
    Object.fromEntries(t.params.map((p) => [p.key, p.kind === 'text' ? (p.optional ? '' : 'd') : p.min])),
    Object.fromEntries(t.params.map((p) => [p.key, p.kind === 'text' ? '生'.repeat(p.maxLength) : p.max])),
  ];
}

describe('creating a journey from a template (real SQLite)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const create = (templateId: string, lang: Lang, params?: unknown) =>
    createJourneyFromTemplate(f.deps, { workspaceId: f.workspace.id, name: `${templateId} ${lang}`, templateId, lang, params, userId: f.rep.id });

  for (const template of JOURNEY_TEMPLATES) {
    it(`${template.id}: creates the draft in each language and publishes it, with every parameter set`, async () => {
      for (const lang of LANGS) {
        for (const params of paramSets(template)) {
          const journey = await create(template.id, lang, params);
          const expected = instantiateTemplate(template, lang, params);
          if (!expected.ok) throw new Error('the parameter set should be valid');
          expect(journey.draft_graph).toEqual(JourneyGraph.parse(expected.graph));
          const version = await publishDraft(f.deps, { workspaceId: f.workspace.id, journeyId: journey.id, notes: '', userId: f.rep.id });
          expect(version.version).toBe(1);
          const stored = JourneyGraph.parse((await repos(f.db).versions.get(version.id))?.graph);
          expect(stored.settings).toEqual(template.settings);
          expect(stored.nodes.map((n) => n.id)).toEqual(expected.graph.nodes.map((n) => n.id));
          expect(await repos(f.db).journeys.get(f.workspace.id, journey.id)).toMatchObject({ status: 'live', live_version_id: version.id });
        }
      }
    });
  }

  it('refuses an unknown template and bad parameters with bilingual messages, creating nothing', async () => {
    const unknown = (await create('no-such-template', 'zh-CN').catch((e: unknown) => e)) as DomainError;
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown.code).toBe('template.unknown');
    expect(unknown.text['zh-CN']).toContain('no-such-template');

    const bad = (await create('repurchase-revisit', 'en', { cycleDays: 0, fraction: 0.8 }).catch((e: unknown) => e)) as DomainError;
    expect(bad.code).toBe('template.invalid-params');
    expect(bad.problems.map((p) => p.path)).toEqual([['params', 'cycleDays']]);
    expect(bad.problems[0]!.message.en).toBe('"Repurchase cycle of the product" must be a whole number from 1 to 730');
    expect(bad.problems[0]!.message['zh-CN']).toBe('「商品复购周期」须为 1–730 之间的整数');
    expect(await f.db.selectFrom('journeys').select('id').execute()).toEqual([]);
  });
});
