import { OPEN_STATUSES, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { cancelEnrollment } from '../enrollments/cancel.ts';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';

export type DemoRemoval = { customers: number; journeys: number; cancelledRuns: number; tasks: number; events: number; users: number };

/**
 * Empties the demo workspace so a brand can make it its own (admins; the router checks): its runs are
 * cancelled in Temporal, then its customers, journeys, enrollments, tasks, events, tags, jobs, deliveries
 * and the other demo accounts — whose password is public — are deleted in one transaction. The workspace,
 * its settings and the admin doing it stay; the workspace is no longer marked as the demo. The admin
 * confirms by typing the workspace's name.
 */
export async function removeDemoData(deps: DomainDeps, viewer: Viewer, input: { confirmName: string }): Promise<DemoRemoval> {
  const r = repos(deps.db);
  const workspace = await r.workspaces.get(viewer.workspaceId);
  if (!workspace?.is_demo) throw new DomainError('demo.not-demo', text('这个工作区不是演示工作区，不能清空', 'This is not the demo workspace: it cannot be emptied'));
  if (input.confirmName.trim() !== workspace.name) {
    throw new DomainError('demo.confirm', text(`请输入工作区名称「${workspace.name}」以确认`, `Type the workspace's name "${workspace.name}" to confirm`), [], { field: 'confirmName' });
  }

  // Runs first, outside the transaction: a run that is cancelled finds its enrollment closed, and one
  // that wakes after the rows are gone ends because its enrollment no longer exists.
  const open = await deps.db.selectFrom('enrollments').select('id').where('workspace_id', '=', viewer.workspaceId).where('status', 'in', [...OPEN_STATUSES]).execute();
  let cancelledRuns = 0;
  for (const { id } of open) {
    try {
      if ((await cancelEnrollment(deps, { workspaceId: viewer.workspaceId, enrollmentId: id })).cancelled) cancelledRuns += 1;
    } catch {
      // A run Temporal no longer knows: its rows go below all the same.
    }
  }

  return deps.db.transaction().execute(async (trx) => {
    const ws = viewer.workspaceId;
    const count = async (table: 'customers' | 'journeys' | 'tasks' | 'events') =>
      Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws).executeTakeFirstOrThrow()).n);
    const removed = { customers: await count('customers'), journeys: await count('journeys'), tasks: await count('tasks'), events: await count('events') };
    // Children before parents, as the foreign keys require.
    for (const table of ['deliveries', 'tasks', 'enrollment_steps', 'enrollments', 'bulk_jobs', 'events'] as const) {
      await trx.deleteFrom(table).where('workspace_id', '=', ws).execute();
    }
    // Imports made in the demo (their files and refused rows) go with its customers.
    await repos(trx).imports.deleteForWorkspace(ws);
    await trx.deleteFrom('customer_tags').where('customer_id', 'in', trx.selectFrom('customers').select('id').where('workspace_id', '=', ws)).execute();
    for (const table of ['customers', 'tags', 'journey_versions', 'journeys', 'invitations'] as const) {
      await trx.deleteFrom(table).where('workspace_id', '=', ws).execute();
    }
    const others = (await trx.selectFrom('users').select('id').where('workspace_id', '=', ws).where('id', '!=', viewer.userId).execute()).map((u) => u.id);
    if (others.length > 0) {
      await trx.deleteFrom('api_keys').where('workspace_id', '=', ws).where('created_by', 'in', others).execute();
      await trx.deleteFrom('sessions').where('user_id', 'in', others).execute();
      await trx.deleteFrom('digest_settings').where('user_id', 'in', others).execute();
      await trx.deleteFrom('users').where('id', 'in', others).execute();
    }
    await trx.updateTable('workspaces').set({ is_demo: 0 }).where('id', '=', ws).execute();
    return { ...removed, cancelledRuns, users: others.length };
  });
}
