import { repos } from '@sopline/db';
import { loadVersion } from '../journeys/compile.ts';
import type { DomainDeps } from '../ports.ts';

export type JourneyConversion = {
  journeyId: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'archived';
  /** Whether the live version has a journey-wide goal; without one nothing can reach it. */
  hasGoal: boolean;
  /** Enrollments that started in the period (the cohort); the other counts split it by where it stands now. */
  enrolled: number;
  reachedGoal: number;
  /** Ended at an exit node (any reason). */
  completed: number;
  /** Still active or waiting. */
  inJourney: number;
  /** Stopped by a failed step, waiting for an operator to retry or skip them (not out of the journey yet). */
  stopped: number;
  /** Cancelled, failed for good or exited for another reason than the goal. */
  dropped: number;
  /** reachedGoal / enrolled; null without a goal or when nobody entered. */
  rate: number | null;
  /** The cohort's exit-node reasons, most frequent first (e.g. 'purchased', 'dormant'). */
  exits: Array<{ reason: string; count: number }>;
};

/** Per published journey: of the customers who entered in [from, to), how many reached its goal so far. */
export async function journeyConversion(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; from: Date; to: Date }): Promise<JourneyConversion[]> {
  const a = repos(deps.db).analytics;
  const journeys = await a.journeysPublished(input.workspaceId);
  const outcomes = await a.enrollmentOutcomes(input.workspaceId, input.from.toISOString(), input.to.toISOString());
  const rows: JourneyConversion[] = [];
  for (const j of journeys) {
    const mine = outcomes.filter((o) => o.journey_id === j.id);
    if (j.status === 'archived' && mine.length === 0) continue;
    const hasGoal = j.live_version_id ? (await loadVersion(deps.db, j.live_version_id)).settings.goal !== null : false;
    const row: JourneyConversion = { journeyId: j.id, name: j.name, status: j.status, hasGoal, enrolled: 0, reachedGoal: 0, completed: 0, inJourney: 0, stopped: 0, dropped: 0, rate: null, exits: [] };
    const exits = new Map<string, number>();
    for (const o of mine) {
      row.enrolled += o.n;
      if (o.status === 'exited' && o.exit_reason === 'goal') row.reachedGoal += o.n;
      else if (o.status === 'completed') {
        row.completed += o.n;
        const reason = o.exit_reason ?? 'completed';
        exits.set(reason, (exits.get(reason) ?? 0) + o.n);
      } else if (o.status === 'active' || o.status === 'waiting') row.inJourney += o.n;
      else if (o.status === 'failed' && o.stopped) row.stopped += o.n;
      else row.dropped += o.n;
    }
    row.rate = hasGoal && row.enrolled > 0 ? row.reachedGoal / row.enrolled : null;
    row.exits = [...exits].map(([reason, count]) => ({ reason, count })).sort((x, y) => y.count - x.count || x.reason.localeCompare(y.reason));
    rows.push(row);
  }
  return rows.sort((x, y) => y.enrolled - x.enrolled || x.name.localeCompare(y.name));
}
