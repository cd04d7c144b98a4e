import type { AppRouter } from '@sopline/api';
import type { inferRouterOutputs } from '@trpc/server';

/** One task of the inbox, as the server lists it. */
export type Task = inferRouterOutputs<AppRouter>['tasks']['mine']['items'][number];

/** What a rep records when closing a task; 'sent' is what "copy and mark sent" records. */
export const OUTCOMES = ['sent', 'replied', 'bought', 'no-answer', 'wrong-contact', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** What a skip may record (the server refuses 'sent' for one): a skipped task's script did not go out. */
export const SKIP_OUTCOMES = ['replied', 'bought', 'no-answer', 'wrong-contact', 'other'] as const satisfies readonly Outcome[];
