import type { Kysely } from 'kysely';
import { nowIso } from '../ids.ts';
import type { Database } from '../schema.ts';

/** Tables of background jobs claimed by one process at a time (`claimed_by` until `claimed_until`). */
type JobTable = 'bulk_jobs' | 'import_jobs' | 'wecom_syncs';

export const claimUntil = (ttlMs: number) => new Date(Date.now() + ttlMs).toISOString();

/**
 * Claims the oldest job of `table` in one of the running states that nobody holds (never claimed, or
 * its claim lapsed because its process died); the id, or undefined when none is free.
 */
export async function claimNextJob(db: Kysely<Database>, table: JobTable, column: 'status' | 'state', running: readonly string[], holder: string, ttlMs: number): Promise<string | undefined> {
  // Each job table has these columns; Kysely cannot type a column chosen at run time across tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const q = db as Kysely<any>;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = nowIso();
    const free = await q
      .selectFrom(table)
      .select('id')
      .where(column, 'in', running)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!free) return undefined;
    // The same condition again in the update: of two processes racing for it, one wins.
    const won = await q
      .updateTable(table)
      .set({ claimed_by: holder, claimed_until: claimUntil(ttlMs) })
      .where('id', '=', free.id)
      .where(column, 'in', running)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) return free.id as string;
  }
  return undefined;
}

/** Tables of rows that fall due (a callback to process, a group send to poll), worked by one process at a time. */
type DueTable = 'wecom_callbacks' | 'wecom_group_sends';

/**
 * Claims the row of `table` in `state` that is due soonest (its `dueColumn` at or before `now`) and
 * that nobody holds; its id, or undefined when none is due. Of two processes racing, one wins.
 */
export async function claimDueRow(db: Kysely<Database>, table: DueTable, options: { state: string; dueColumn: string; orderBy: string; holder: string; ttlMs: number; now?: string }): Promise<string | undefined> {
  // Both tables have these columns; Kysely cannot type a column chosen at run time across tables.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const q = db as Kysely<any>;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = options.now ?? nowIso();
    const free = await q
      .selectFrom(table)
      .select('id')
      .where('state', '=', options.state)
      .where(options.dueColumn, '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy(options.orderBy)
      .limit(1)
      .executeTakeFirst();
    if (!free) return undefined;
    const won = await q
      .updateTable(table)
      .set({ claimed_by: options.holder, claimed_until: claimUntil(options.ttlMs) })
      .where('id', '=', free.id)
      .where('state', '=', options.state)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) return free.id as string;
  }
  return undefined;
}
