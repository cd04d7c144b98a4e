import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc.ts';

/** A moment in the workspace's time zone, in the user's language, 24-hour clock (2026年12月1日 14:05). */
export function formatInZone(iso: string, lang: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** formatInZone bound to the signed-in workspace's zone and the current language. */
export function useWorkspaceTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  return (iso) => formatInZone(iso, i18n.language, me.data?.workspace.timezone);
}
