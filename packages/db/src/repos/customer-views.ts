import type { Kysely } from 'kysely';
import type { CustomerRow, Database, EnrollmentStatus, TaskRow } from '../schema.ts';
import { containsText } from './text-match.ts';

export type CustomerSearch = {
  workspaceId: string;
  /** Only this owner's customers: a sales rep's view, applied on top of every other filter. */
  visibleOwnerId?: string;
  /** Matches name, phone, e-mail or member id (contains, ASCII case-insensitive). */
  q?: string;
  tags?: string[];
  tagMode?: 'any' | 'all';
  /** null: customers without a stage. */
  stage?: string | null;
  /** null: customers without an owner. */
  ownerId?: string | null;
  sort: 'name' | 'createdAt' | 'updatedAt';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
};

export type CustomerListRow = Omit<CustomerRow, 'properties' | 'wecom_external_userid' | 'avatar_url'> & { owner_name: string | null };

export type CustomerEnrollmentRow = {
  id: string;
  journey_id: string;
  journey_name: string;
  version_id: string;
  version: number;
  status: EnrollmentStatus;
  cursor_node_id: string | null;
  wait_until: string | null;
  wait_event_kind: string | null;
  exit_reason: string | null;
  started_at: string;
  ended_at: string | null;
};

const SORT_COLUMNS = { name: 'customers.name', createdAt: 'customers.created_at', updatedAt: 'customers.updated_at' } as const;

/** The customers a search's filters match (the list, its export and its bulk actions use the same). */
export type CustomerFilterInput = Omit<CustomerSearch, 'sort' | 'dir' | 'limit' | 'offset'>;

function matchingIn(db: Kysely<Database>, input: CustomerFilterInput) {
  let q = db.selectFrom('customers').where('customers.workspace_id', '=', input.workspaceId);
  if (input.visibleOwnerId !== undefined) q = q.where('customers.owner_id', '=', input.visibleOwnerId);
  if (input.q) {
    const text = input.q;
    q = q.where((eb) =>
      eb.or([containsText('customers.name', text), containsText('customers.phone', text), containsText('customers.email', text), containsText('customers.member_id', text)]),
    );
  }
  if (input.stage !== undefined) q = input.stage === null ? q.where('customers.stage', 'is', null) : q.where('customers.stage', '=', input.stage);
  if (input.ownerId !== undefined) q = input.ownerId === null ? q.where('customers.owner_id', 'is', null) : q.where('customers.owner_id', '=', input.ownerId);
  const tags = [...new Set(input.tags ?? [])];
  if (tags.length > 0) {
    let tagged = db
      .selectFrom('customer_tags')
      .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
      .select('customer_tags.customer_id')
      .where('tags.workspace_id', '=', input.workspaceId)
      .where('tags.name', 'in', tags);
    if (input.tagMode === 'all') tagged = tagged.groupBy('customer_tags.customer_id').having((eb) => eb.fn.count('customer_tags.tag_id').distinct(), '=', tags.length);
    q = q.where('customers.id', 'in', tagged);
  }
  return q;
}

/** Read models of customers: the searchable list and the pieces of a customer's profile. */
export function customerViewsRepo(db: Kysely<Database>) {
  const matching = (input: CustomerFilterInput) => matchingIn(db, input);
  return {
    /** Ids of the customers the filters match, oldest first, at most `limit`. */
    async matchingIds(input: CustomerFilterInput, limit: number): Promise<string[]> {
      const rows = await matching(input).select('customers.id').orderBy('customers.created_at').orderBy('customers.id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    /** Which of `ids` are customers of the workspace (and, with `visibleOwnerId`, that owner's). */
    async visibleIds(workspaceId: string, ids: readonly string[], visibleOwnerId?: string): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      let q = db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', [...ids]);
      if (visibleOwnerId !== undefined) q = q.where('owner_id', '=', visibleOwnerId);
      return new Set((await q.execute()).map((r) => r.id));
    },
    async search(input: CustomerSearch): Promise<{ rows: CustomerListRow[]; total: number }> {
      const q = matching(input);
      const rows = await q
        .leftJoin('users', 'users.id', 'customers.owner_id')
        .select([
          'customers.id',
          'customers.workspace_id',
          'customers.name',
          'customers.owner_id',
          'customers.stage',
          'customers.timezone',
          'customers.phone',
          'customers.email',
          'customers.wechat_openid',
          'customers.wechat_unionid',
          'customers.member_id',
          'customers.created_at',
          'customers.updated_at',
          'users.name as owner_name',
        ])
        .orderBy(SORT_COLUMNS[input.sort], input.dir)
        .orderBy('customers.id', input.dir)
        .limit(input.limit)
        .offset(input.offset)
        .execute();
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(total.n) };
    },

    /** The stages the visible customers are in, with how many are in each, most customers first. */
    async stages(workspaceId: string, visibleOwnerId?: string): Promise<Array<{ stage: string; customers: number }>> {
      let q = db
        .selectFrom('customers')
        .select(['stage', (eb) => eb.fn.countAll<number>().as('customers')])
        .where('workspace_id', '=', workspaceId)
        .where('stage', 'is not', null);
      if (visibleOwnerId !== undefined) q = q.where('owner_id', '=', visibleOwnerId);
      const rows = await q.groupBy('stage').orderBy('customers', 'desc').orderBy('stage').execute();
      return rows.map((r) => ({ stage: r.stage!, customers: Number(r.customers) }));
    },

    /** The customer's enrollments, newest first, with journey name and version number. */
    enrollments(workspaceId: string, customerId: string, limit: number): Promise<CustomerEnrollmentRow[]> {
      return db
        .selectFrom('enrollments')
        .innerJoin('journeys', 'journeys.id', 'enrollments.journey_id')
        .innerJoin('journey_versions', 'journey_versions.id', 'enrollments.version_id')
        .select([
          'enrollments.id',
          'enrollments.journey_id',
          'journeys.name as journey_name',
          'enrollments.version_id',
          'journey_versions.version',
          'enrollments.status',
          'enrollments.cursor_node_id',
          'enrollments.wait_until',
          'enrollments.wait_event_kind',
          'enrollments.exit_reason',
          'enrollments.started_at',
          'enrollments.ended_at',
        ])
        .where('enrollments.workspace_id', '=', workspaceId)
        .where('enrollments.customer_id', '=', customerId)
        .orderBy('enrollments.started_at', 'desc')
        .orderBy('enrollments.id', 'desc')
        .limit(limit)
        .execute();
    },

    /** The customer's newest events. */
    async recentEvents(workspaceId: string, customerId: string, limit: number): Promise<Array<{ id: string; kind: string; payload: Record<string, unknown>; occurred_at: string }>> {
      const rows = await db
        .selectFrom('events')
        .select(['id', 'kind', 'payload', 'occurred_at'])
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', '=', customerId)
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
    },

    /** The newest journey steps the customer went through, with the journey's name. */
    recentSteps(
      workspaceId: string,
      customerId: string,
      limit: number,
    ): Promise<
      Array<{ id: string; enrollment_id: string; journey_id: string; journey_name: string; version_id: string; node_id: string; node_type: string; outcome: string; at: string; task_script: string | null }>
    > {
      return db
        .selectFrom('enrollment_steps')
        .innerJoin('enrollments', 'enrollments.id', 'enrollment_steps.enrollment_id')
        .innerJoin('journeys', 'journeys.id', 'enrollment_steps.journey_id')
        // The task this step created, if any (one per enrollment, node and visit): its script as the rep got it.
        .leftJoin('tasks', (join) =>
          join.onRef('tasks.enrollment_id', '=', 'enrollment_steps.enrollment_id').onRef('tasks.node_id', '=', 'enrollment_steps.node_id').onRef('tasks.visit', '=', 'enrollment_steps.visit'),
        )
        .select([
          'enrollment_steps.id',
          'enrollment_steps.enrollment_id',
          'enrollment_steps.journey_id',
          'journeys.name as journey_name',
          'enrollment_steps.version_id',
          'enrollment_steps.node_id',
          'enrollment_steps.node_type',
          'enrollment_steps.outcome',
          'enrollment_steps.at',
          'tasks.script as task_script',
        ])
        .where('enrollment_steps.workspace_id', '=', workspaceId)
        .where('enrollments.customer_id', '=', customerId)
        .orderBy('enrollment_steps.at', 'desc')
        .orderBy('enrollment_steps.visit', 'desc')
        .limit(limit)
        .execute();
    },

    /** The customer's newest tasks by creation, with the owner's and the journey's names. */
    recentTasks(workspaceId: string, customerId: string, limit: number): Promise<Array<TaskRow & { owner_name: string | null; journey_name: string | null }>> {
      return db
        .selectFrom('tasks')
        .leftJoin('users', 'users.id', 'tasks.owner_id')
        .leftJoin('journeys', 'journeys.id', 'tasks.journey_id')
        .selectAll('tasks')
        .select(['users.name as owner_name', 'journeys.name as journey_name'])
        .where('tasks.workspace_id', '=', workspaceId)
        .where('tasks.customer_id', '=', customerId)
        .orderBy('tasks.created_at', 'desc')
        .orderBy('tasks.id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
