import type { Problem } from '@sopline/graph';

/** Errors before warnings; within each, journey-wide problems first, then in the canvas's node order. */
export function sortProblems(problems: readonly Problem[], nodeOrder: readonly string[]): Problem[] {
  const rank = new Map(nodeOrder.map((id, i) => [id, i]));
  const where = (p: Problem) => (p.nodeId === undefined ? -1 : (rank.get(p.nodeId) ?? nodeOrder.length));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.severity === b.p.severity ? 0 : a.p.severity === 'error' ? -1 : 1) || where(a.p) - where(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

export function problemCounts(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
