import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Named leases shared by processes through the database (portable SQL: SQLite and PostgreSQL).
 * Expiry compares the holders' clocks, so the time to live must be far above their skew.
 */
export function leasesRepo(db: Kysely<Database>) {
  return {
    /**
     * Takes the lease for `holder`, or renews it, until now + ttlMs. False while another holder's
     * lease has not expired. Two processes racing for a free lease: exactly one wins.
     */
    async acquire(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
      const until = new Date(now.getTime() + ttlMs).toISOString();
      const current = await db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
      if (!current) {
        const inserted = await db.insertInto('leases').values({ name, holder, expires_at: until }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
      } else if (current.holder !== holder && current.expires_at >= now.toISOString()) {
        // Read first: a standby process checks often, and a read takes no write lock.
        return false;
      }
      const updated = await db
        .updateTable('leases')
        .set({ holder, expires_at: until })
        .where('name', '=', name)
        .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now.toISOString())]))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    /** Gives the lease up at once (on shutdown), if `holder` still has it. */
    async release(name: string, holder: string): Promise<void> {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },
    get(name: string): Promise<{ holder: string; expires_at: string } | undefined> {
      return db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
    },
  };
}
