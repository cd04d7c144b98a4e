import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { apiKeysRepo, loginFailuresRepo, sessionsRepo } from './accounts.ts';
import { analyticsRepo } from './analytics.ts';
import { bulkJobsRepo } from './bulk-jobs.ts';
import { customersRepo } from './customers.ts';
import { customerViewsRepo } from './customer-views.ts';
import { enrollmentsRepo } from './enrollments.ts';
import { eventsRepo } from './events.ts';
import { journeysRepo, versionsRepo } from './journeys.ts';
import { importsRepo } from './imports.ts';
import { invitationsRepo } from './invitations.ts';
import { leasesRepo } from './leases.ts';
import { remindersRepo } from './reminders.ts';
import { stagesRepo } from './stages.ts';
import { propertiesRepo } from './properties.ts';
import { tagsRepo } from './tags.ts';
import { tasksRepo } from './tasks.ts';
import { taskViewsRepo } from './task-views.ts';
import { usersRepo, workspacesRepo } from './workspaces.ts';
import { wecomRepo } from './wecom.ts';
import { channelCodesRepo } from './channel-codes.ts';
import { groupSendsRepo } from './group-sends.ts';

/** Every repository bound to one connection or transaction: `repos(trx)` inside a transaction. */
export function repos(db: Kysely<Database>) {
  return {
    workspaces: workspacesRepo(db),
    users: usersRepo(db),
    customers: customersRepo(db),
    customerViews: customerViewsRepo(db),
    tags: tagsRepo(db),
    events: eventsRepo(db),
    journeys: journeysRepo(db),
    versions: versionsRepo(db),
    enrollments: enrollmentsRepo(db),
    tasks: tasksRepo(db),
    taskViews: taskViewsRepo(db),
    sessions: sessionsRepo(db),
    loginFailures: loginFailuresRepo(db),
    apiKeys: apiKeysRepo(db),
    bulkJobs: bulkJobsRepo(db),
    leases: leasesRepo(db),
    analytics: analyticsRepo(db),
    reminders: remindersRepo(db),
    invitations: invitationsRepo(db),
    stages: stagesRepo(db),
    imports: importsRepo(db),
    properties: propertiesRepo(db),
    wecom: wecomRepo(db),
    channelCodes: channelCodesRepo(db),
    groupSends: groupSendsRepo(db),
  };
}

export type Repos = ReturnType<typeof repos>;
