import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { apiKeysRepo, loginFailuresRepo, sessionsRepo } from './accounts.ts';
import { customersRepo } from './customers.ts';
import { enrollmentsRepo } from './enrollments.ts';
import { eventsRepo } from './events.ts';
import { journeysRepo, versionsRepo } from './journeys.ts';
import { tagsRepo } from './tags.ts';
import { tasksRepo } from './tasks.ts';
import { usersRepo, workspacesRepo } from './workspaces.ts';

/** Every repository bound to one connection or transaction: `repos(trx)` inside a transaction. */
export function repos(db: Kysely<Database>) {
  return {
    workspaces: workspacesRepo(db),
    users: usersRepo(db),
    customers: customersRepo(db),
    tags: tagsRepo(db),
    events: eventsRepo(db),
    journeys: journeysRepo(db),
    versions: versionsRepo(db),
    enrollments: enrollmentsRepo(db),
    tasks: tasksRepo(db),
    sessions: sessionsRepo(db),
    loginFailures: loginFailuresRepo(db),
    apiKeys: apiKeysRepo(db),
  };
}

export type Repos = ReturnType<typeof repos>;
