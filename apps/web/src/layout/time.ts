import { formatDateTime } from './clock.ts';
import { useTranslation } from 'react-i18next';

/** A moment in a given zone (or the person's clock), in the user's language, 24-hour (2026年12月1日 14:05). */
export function formatInZone(iso: string, lang: string, timeZone: string | undefined): string {
  return formatDateTime(iso, lang, timeZone ? { zone: timeZone } : {});
}

/** formatDateTime bound to the current language, read on the person's clock (see clock.ts). */
export function useWorkspaceTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  return (iso) => formatDateTime(iso, i18n.language);
}
