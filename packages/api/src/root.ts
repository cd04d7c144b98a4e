import { apiKeysRouter } from './routers/apiKeys.ts';
import { analyticsRouter } from './routers/analytics.ts';
import { authRouter } from './routers/auth.ts';
import { customersRouter } from './routers/customers.ts';
import { enrollmentsRouter } from './routers/enrollments.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { journeysRouter } from './routers/journeys.ts';
import { nodeTypesRouter } from './routers/nodeTypes.ts';
import { remindersRouter } from './routers/reminders.ts';
import { setupRouter } from './routers/setup.ts';
import { stagesRouter } from './routers/stages.ts';
import { importsRouter } from './routers/imports.ts';
import { propertiesRouter } from './routers/properties.ts';
import { tagsRouter } from './routers/tags.ts';
import { tasksRouter } from './routers/tasks.ts';
import { usersRouter } from './routers/users.ts';
import { workspaceRouter } from './routers/workspace.ts';
import { workspacesRouter } from './routers/workspaces.ts';
import { wecomRouter } from './routers/wecom.ts';
import { channelCodesRouter } from './routers/channelCodes.ts';
import { groupSendsRouter } from './routers/groupSends.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  setup: setupRouter,
  auth: authRouter,
  apiKeys: apiKeysRouter,
  journeys: journeysRouter,
  enrollments: enrollmentsRouter,
  analytics: analyticsRouter,
  users: usersRouter,
  invitations: invitationsRouter,
  workspace: workspaceRouter,
  workspaces: workspacesRouter,
  customers: customersRouter,
  tags: tagsRouter,
  stages: stagesRouter,
  imports: importsRouter,
  properties: propertiesRouter,
  tasks: tasksRouter,
  reminders: remindersRouter,
  wecom: wecomRouter,
  channelCodes: channelCodesRouter,
  groupSends: groupSendsRouter,
  nodeTypes: nodeTypesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
