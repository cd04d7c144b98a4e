import type { AppRouter } from '@sopline/api';
import type { inferRouterOutputs } from '@trpc/server';

/** One task of the inbox, as the server lists it. */
export type Task = inferRouterOutputs<AppRouter>['tasks']['mine']['items'][number];

/** What a rep records when closing a task; 'sent' is what "copy and mark sent" records. */
export const OUTCOMES = ['sent', 'replied', 'bought', 'no-answer', 'wrong-contact', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A time as the inbox shows it: the time alone today, else date and time. */
export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(lang, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
