import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, EventRow } from '../schema.ts';

export type StoredEvent = Omit<EventRow, 'payload'> & { payload: Record<string, unknown> };

export type NewEvent = {
  workspaceId: string;
  customerId: string;
  kind: string;
  payload: Record<string, unknown>;
  occurredAt?: string;
  idempotencyKey?: string;
  /** History, not news (an import of past orders): stored as already dispatched, so it starts and wakes no journey. */
  history?: boolean;
};

function parse(row: EventRow): StoredEvent {
  return { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> };
}

export function eventsRepo(db: Kysely<Database>) {
  return {
    /**
     * Stores an event once per idempotency key: a replay returns the first stored event and
     * `duplicate: true`, and writes nothing.
     */
    async insert(input: NewEvent): Promise<{ event: StoredEvent; duplicate: boolean }> {
      const id = newId();
      const at = nowIso();
      const key = input.idempotencyKey ?? id;
      const inserted = await db
        .insertInto('events')
        .values({
          id,
          workspace_id: input.workspaceId,
          customer_id: input.customerId,
          kind: input.kind,
          payload: JSON.stringify(input.payload),
          occurred_at: input.occurredAt ?? at,
          received_at: at,
          idempotency_key: key,
          dispatched_at: input.history ? at : null,
          dispatch_error: null,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { event: parse(inserted), duplicate: false };
      const existing = await db.selectFrom('events').selectAll().where('workspace_id', '=', input.workspaceId).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
      return { event: parse(existing), duplicate: true };
    },
    async byKey(workspaceId: string, idempotencyKey: string): Promise<StoredEvent | undefined> {
      const row = await db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      return row && parse(row);
    },
    async get(id: string): Promise<StoredEvent | undefined> {
      const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
      return row && parse(row);
    },
    async pending(limit: number): Promise<StoredEvent[]> {
      const rows = await db.selectFrom('events').selectAll().where('dispatched_at', 'is', null).orderBy('seq').limit(limit).execute();
      return rows.map(parse);
    },
    async markDispatched(id: string): Promise<void> {
      await db.updateTable('events').set({ dispatched_at: nowIso(), dispatch_error: null }).where('id', '=', id).execute();
    },
    async markFailed(id: string, error: string): Promise<void> {
      await db
        .updateTable('events')
        .set((eb) => ({ dispatch_error: error.slice(0, 2000), dispatch_attempts: eb('dispatch_attempts', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
    async ofCustomer(customerId: string, kind?: string): Promise<StoredEvent[]> {
      let q = db.selectFrom('events').selectAll().where('customer_id', '=', customerId);
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('occurred_at').orderBy('seq').execute();
      return rows.map(parse);
    },
  };
}
