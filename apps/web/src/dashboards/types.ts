import type { AppRouter } from '@sopline/api';
import type { inferRouterOutputs } from '@trpc/server';

type Analytics = inferRouterOutputs<AppRouter>['analytics'];
export type StageFunnel = Analytics['stageFunnel'];
export type JourneyConversion = Analytics['journeyConversion'][number];
export type RepCompletion = Analytics['taskCompletion'][number];
export type RepOverdue = Analytics['overdueByRep'][number];
export type Segments = Analytics['segments'];

/** Charts and CSV files refresh on their own while the page is open (and when the tab regains focus). */
export const REFRESH_MS = 30_000;
