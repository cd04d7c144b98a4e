import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';
import { workspaceStages } from '../stages/stages.ts';

/** The retail lifecycle: 未付费 → 已付费 → 复购 → KOC / advocate. */
export const RETAIL_STAGES = ['unpaid', 'paid', 'repeat', 'advocate'] as const;

/**
 * One stage of the period funnel (docs/analytics.md, "The stage funnel"):
 * - `passed`: customers who passed through the stage in the period — they were in it at some time in
 *   the period (in it when the period began, or moved / were created into it during it), or they
 *   skipped over it moving forward (paid → KOC passes through 复购 too);
 * - `movedOn`: of those, the ones who were at a later stage of the funnel after passing through it,
 *   still in the period (null for the last stage, which has no later one);
 * - `rate` = movedOn / passed (null when nobody passed through it, and for the last stage).
 */
export type PeriodStage = { stage: string; passed: number; movedOn: number | null; rate: number | null };

export type StageFunnel = {
  /** The funnel's stages in order: the workspace's own list (Settings), or the one asked for. */
  stages: string[];
  /** "Now": customers per stage at this moment (null = no stage); the funnel's stages first, in order. */
  current: Array<{ stage: string | null; customers: number }>;
  /** "In the period": one row per funnel stage, in order. */
  period: PeriodStage[];
  /** stage.changed events in [from, to), by (from, to). */
  transitions: Array<{ from: string | null; to: string | null; count: number }>;
};

/** Where one customer was in the period: their stage when it began (or when they joined), then each stage they moved to, in order. */
export type StagePath = { start: string | null; moves: Array<string | null> };

/**
 * The period funnel from customers' paths (pure). A forward move fills the stages it skips: a
 * customer who moved paid → advocate passed through repeat and moved on from it. A move backwards
 * fills nothing. Stages outside the funnel (and no stage) count nowhere and are skipped by nothing.
 */
export function periodFunnel(stages: readonly string[], paths: Iterable<StagePath>): PeriodStage[] {
  const passed = stages.map(() => 0);
  const movedOn = stages.map(() => 0);
  const rank = (s: string | null) => (s === null ? -1 : stages.indexOf(s));
  for (const path of paths) {
    const ranks = [path.start, ...path.moves].map(rank);
    // The first position of the path at which the customer passed through each stage.
    const passedAt = new Map<number, number>();
    ranks.forEach((r, i) => {
      const prev = i > 0 ? ranks[i - 1]! : -1;
      if (prev >= 0) for (let k = prev + 1; k < r; k++) if (!passedAt.has(k)) passedAt.set(k, i);
      if (r >= 0 && !passedAt.has(r)) passedAt.set(r, i);
    });
    for (const [k, at] of passedAt) {
      passed[k]! += 1;
      if (ranks.slice(at).some((r) => r > k)) movedOn[k]! += 1;
    }
  }
  return stages.map((stage, k) => {
    const last = k === stages.length - 1;
    const n = passed[k]!;
    return { stage, passed: n, movedOn: last ? null : movedOn[k]!, rate: last || n === 0 ? null : movedOn[k]! / n };
  });
}

export async function stageFunnel(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; from: Date; to: Date; stages?: readonly string[] }): Promise<StageFunnel> {
  // The workspace's own funnel, in the order set in Settings (the retail method's until it is changed).
  const stages = [...(input.stages ?? (await workspaceStages(deps.db, input.workspaceId)).map((s) => s.code))];
  const fromIso = input.from.toISOString();
  const toIso = input.to.toISOString();
  const a = repos(deps.db).analytics;

  const rank = (s: string | null) => (s === null ? Number.MAX_SAFE_INTEGER : stages.includes(s) ? stages.indexOf(s) : stages.length);
  const current = (await a.customersByStage(input.workspaceId))
    .map((r) => ({ stage: r.stage, customers: r.n }))
    .sort((x, y) => rank(x.stage) - rank(y.stage) || String(x.stage).localeCompare(String(y.stage)));

  // A customer's stage when the period began is the `from` of their first change since then; one
  // with no change since then has been in their current stage all along (counted by the query).
  const changes = await a.stageChangesSince(input.workspaceId, fromIso, toIso);
  const paths = new Map<string, StagePath>();
  const transitions = new Map<string, { from: string | null; to: string | null; count: number }>();
  for (const c of changes) {
    let path = paths.get(c.customer_id);
    if (!path) paths.set(c.customer_id, (path = { start: c.from, moves: [] }));
    if (c.occurred_at >= toIso) continue;
    path.moves.push(c.to);
    const key = JSON.stringify([c.from, c.to]);
    const t = transitions.get(key) ?? { from: c.from, to: c.to, count: 0 };
    t.count += 1;
    transitions.set(key, t);
  }
  const period = periodFunnel(stages, paths.values());
  for (const u of await a.unchangedByStage(input.workspaceId, fromIso, toIso)) {
    const row = period.find((p) => p.stage === u.stage);
    if (!row) continue;
    row.passed += u.n;
    row.rate = row.movedOn === null || row.passed === 0 ? null : row.movedOn / row.passed;
  }
  return { stages, current, period, transitions: [...transitions.values()].sort((x, y) => y.count - x.count) };
}
