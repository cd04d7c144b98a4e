import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';
import { workspaceStages } from '../stages/stages.ts';

/** The retail lifecycle: 未付费 → 已付费 → 复购 → KOC / advocate. */
export const RETAIL_STAGES = ['unpaid', 'paid', 'repeat', 'advocate'] as const;

export type StageFunnel = {
  /** Customers per stage now (null = no stage); the listed stages first, in order. */
  current: Array<{ stage: string | null; customers: number }>;
  /** stage.changed events in [from, to), by (from, to). */
  transitions: Array<{ from: string | null; to: string | null; count: number }>;
  /**
   * For each consecutive pair A → B of the stage list: `reached` = customers who were in A at some
   * time in the period (in A when it began, or moved / were created into A during it); `converted` =
   * those who moved from A to B in the period; rate = converted / reached (null when none reached A).
   */
  conversion: Array<{ from: string; to: string; reached: number; converted: number; rate: number | null }>;
};

export async function stageFunnel(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; from: Date; to: Date; stages?: readonly string[] }): Promise<StageFunnel> {
  // The workspace's own funnel, in the order set in Settings (the retail method's until it is changed).
  const stages = input.stages ?? (await workspaceStages(deps.db, input.workspaceId)).map((s) => s.code);
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
  const inPeriod = changes.filter((c) => c.occurred_at < toIso);
  const wasIn = new Map<string, Set<string>>();
  const mark = (stage: string | null, customerId: string) => {
    if (stage === null) return;
    const set = wasIn.get(stage) ?? new Set<string>();
    set.add(customerId);
    wasIn.set(stage, set);
  };
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.customer_id)) continue;
    seen.add(c.customer_id);
    mark(c.from, c.customer_id);
  }
  for (const c of inPeriod) mark(c.to, c.customer_id);
  const unchanged = new Map((await a.unchangedByStage(input.workspaceId, fromIso, toIso)).map((r) => [r.stage, r.n]));

  const transitions = new Map<string, { from: string | null; to: string | null; count: number }>();
  const moved = new Map<string, Set<string>>();
  for (const c of inPeriod) {
    const key = JSON.stringify([c.from, c.to]);
    const t = transitions.get(key) ?? { from: c.from, to: c.to, count: 0 };
    t.count += 1;
    transitions.set(key, t);
    const set = moved.get(key) ?? new Set<string>();
    set.add(c.customer_id);
    moved.set(key, set);
  }

  const conversion = stages.slice(0, -1).map((from, i) => {
    const to = stages[i + 1]!;
    const reached = (wasIn.get(from)?.size ?? 0) + (unchanged.get(from) ?? 0);
    const converted = moved.get(JSON.stringify([from, to]))?.size ?? 0;
    return { from, to, reached, converted, rate: reached === 0 ? null : converted / reached };
  });
  return { current, transitions: [...transitions.values()].sort((x, y) => y.count - x.count), conversion };
}
