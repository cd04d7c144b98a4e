import type { MigrationCandidate } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError, errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { CompiledJourney } from './compile.ts';
import { loadVersion } from './compile.ts';
import { findJourney } from './drafts.ts';

/** Why an open enrollment cannot be moved to the target version. */
export type UnmappedReason =
  /** No mapping given and the target has no node with this id. */
  | 'not-in-target'
  /** No mapping given and the target's node with this id is of another type. */
  | 'type-changed'
  /** The mapping names a node the target does not have. */
  | 'target-node-missing'
  /** The target node has no exit the customer's current wait leaves through (e.g. 'timeout'). */
  | 'exit-missing';

export type MigrationInput = {
  workspaceId: string;
  journeyId: string;
  /** Default: the live version. */
  toVersionId?: string;
  /** Default: every other version of the journey. */
  fromVersionIds?: string[];
  /** fromNodeId → toNodeId; unmapped nodes map to the same id when the target has it with the same type. */
  mapping?: Record<string, string>;
  dryRun: boolean;
};

type Move = { fromVersionId: string; fromVersion: number; fromNodeId: string | null; toNodeId: string | null; count: number; moved: number };
type Unmapped = { fromVersionId: string; fromVersion: number; fromNodeId: string | null; reason: UnmappedReason; count: number };

export type MigrationReport = {
  dryRun: boolean;
  toVersionId: string;
  toVersion: number;
  /** Grouped by from-version and node; `fromNodeId` null = entered but not started (goes to the target's trigger). */
  moves: Move[];
  unmapped: Unmapped[];
  /** Open enrollments seen, mappable ones, moved ones, and ones whose steps ran between the read and the move (not moved). */
  totals: { open: number; mappable: number; unmappable: number; moved: number; changedMeanwhile: number };
};

const CHUNK = 500;

const invalid = (en: string, zh: string) => new DomainError('migration.invalid', text(zh, en));

/**
 * Moves OPEN enrollments of older versions onto a target version, node by node. Each move is a
 * compare-and-set on step_seq, so a run of steps that committed in between is never overwritten
 * (that enrollment is reported as changed, and a second run of the migration picks it up). The move
 * keeps the customer's current wait as it was set; when it ends, the customer leaves the MAPPED node
 * of the target version through the same exit and continues there.
 */
export async function migrateEnrollments(deps: Pick<DomainDeps, 'db' | 'registry'>, input: MigrationInput): Promise<MigrationReport> {
  const journey = await findJourney(deps, input.workspaceId, input.journeyId);
  const r = repos(deps.db);
  const versions = await r.journeys.versions(input.workspaceId, journey.id);
  const toVersionId = input.toVersionId ?? journey.live_version_id;
  if (!toVersionId) throw invalid('The journey has no live version to migrate to', '旅程没有已发布的版本可迁移到');
  const target = versions.find((v) => v.id === toVersionId);
  if (!target) throw errors.notFound('旅程版本 / journey version', toVersionId);
  const fromIds = input.fromVersionIds ?? versions.filter((v) => v.id !== toVersionId).map((v) => v.id);
  if (fromIds.includes(toVersionId)) throw invalid('A version cannot be migrated to itself', '不能把版本迁移到它自己');
  const numberOf = new Map(versions.map((v) => [v.id, v.version]));
  for (const id of fromIds) if (!numberOf.has(id)) throw errors.notFound('旅程版本 / journey version', id);

  const to = await loadVersion(deps.db, toVersionId);
  const mapping = input.mapping ?? {};
  const moves = new Map<string, Move>();
  const unmapped = new Map<string, Unmapped>();
  const totals = { open: 0, mappable: 0, unmappable: 0, moved: 0, changedMeanwhile: 0 };

  let after = '';
  for (;;) {
    const chunk = await r.enrollments.openOfVersions(input.workspaceId, journey.id, fromIds, after, CHUNK);
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!.id;
    const planned: Array<{ e: MigrationCandidate; move: Move }> = [];
    for (const e of chunk) {
      totals.open += 1;
      const fromVersion = numberOf.get(e.version_id)!;
      const from = await loadVersion(deps.db, e.version_id);
      const decision = decide(deps.registry, from, to, e, mapping);
      if ('reason' in decision) {
        totals.unmappable += 1;
        const key = `${e.version_id}\u0000${e.cursor_node_id}\u0000${decision.reason}`;
        const entry = unmapped.get(key) ?? { fromVersionId: e.version_id, fromVersion, fromNodeId: e.cursor_node_id, reason: decision.reason, count: 0 };
        entry.count += 1;
        unmapped.set(key, entry);
        continue;
      }
      totals.mappable += 1;
      const key = `${e.version_id}\u0000${e.cursor_node_id}\u0000${decision.toNodeId}`;
      const move = moves.get(key) ?? { fromVersionId: e.version_id, fromVersion, fromNodeId: e.cursor_node_id, toNodeId: decision.toNodeId, count: 0, moved: 0 };
      move.count += 1;
      moves.set(key, move);
      planned.push({ e, move });
    }
    if (input.dryRun || planned.length === 0) continue;
    // One transaction per chunk: the write lock is held for a few hundred single-row updates only.
    await deps.db.transaction().execute(async (trx) => {
      const tr = repos(trx);
      for (const { e, move } of planned) {
        // A customer not started yet keeps a null cursor: its first step runs the target's trigger.
        const ok = await tr.enrollments.moveToVersion(e.id, e.step_seq, { versionId: toVersionId, cursorNodeId: e.cursor_node_id === null ? null : move.toNodeId });
        if (ok) {
          move.moved += 1;
          totals.moved += 1;
        } else totals.changedMeanwhile += 1;
      }
    });
  }
  return { dryRun: input.dryRun, toVersionId, toVersion: target.version, moves: [...moves.values()], unmapped: [...unmapped.values()], totals };
}

function decide(
  registry: DomainDeps['registry'],
  from: CompiledJourney,
  to: CompiledJourney,
  e: MigrationCandidate,
  mapping: Record<string, string>,
): { toNodeId: string | null } | { reason: UnmappedReason } {
  if (e.cursor_node_id === null) return { toNodeId: to.trigger.id };
  const explicit = Object.hasOwn(mapping, e.cursor_node_id) ? mapping[e.cursor_node_id]! : undefined;
  const node = to.node(explicit ?? e.cursor_node_id);
  if (!node) return { reason: explicit === undefined ? 'not-in-target' : 'target-node-missing' };
  if (explicit === undefined && node.type !== from.node(e.cursor_node_id)?.type) return { reason: 'type-changed' };
  const exits = [e.wait_on_timeout, e.wait_on_event].filter((p): p is string => p !== null);
  if (exits.length > 0) {
    const def = registry.get(node.type);
    let ports: string[] = [];
    try {
      ports = def ? def.ports(def.config.parse(node.config) as never).map((p) => p.id) : [];
    } catch {
      ports = [];
    }
    if (!exits.every((p) => ports.includes(p))) return { reason: 'exit-missing' };
  }
  return { toNodeId: node.id };
}
