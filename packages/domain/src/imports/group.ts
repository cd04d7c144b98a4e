import type { Database, Db } from '@sopline/db';
import type { ControlledTransaction } from 'kysely';

/**
 * One group of an import's rows in one transaction: `work` writes them (each row in its own savepoint,
 * so a refused one is rolled back alone) and returns each row's outcome. A dry run rolls the whole
 * transaction back, so its counts are exactly the import's. `after` runs inside the transaction
 * before the commit (the job's progress and refusals commit with the rows), or after a dry run's
 * rollback on the outer connection.
 */
export async function writeGroup<T>(db: Db, options: { dryRun: boolean; after?: ((db: Db, outcomes: T[]) => Promise<void>) | undefined }, work: (trx: ControlledTransaction<Database>) => Promise<T[]>): Promise<T[]> {
  const trx = await db.startTransaction().execute();
  let rolledBack = false;
  try {
    const outcomes = await work(trx);
    if (options.dryRun) {
      await trx.rollback().execute();
      rolledBack = true;
      await options.after?.(db, outcomes);
    } else {
      await options.after?.(trx, outcomes);
      await trx.commit().execute();
    }
    return outcomes;
  } catch (err) {
    if (!rolledBack) await trx.rollback().execute();
    throw err;
  }
}
