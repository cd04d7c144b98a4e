import { formatDateTime } from '../../layout/clock.ts';

/** A date and time in the operator's language on their clock (layout/clock.ts), e.g. "2026年3月2日 10:00". */
export function formatWhen(iso: string | null | undefined, language: string): string {
  return formatDateTime(iso, language);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 days" / "3 天后", "5 minutes ago" / "5 分钟前": the largest unit that fits. */
export function formatRelative(iso: string | null | undefined, language: string, now = Date.now()): string {
  if (!iso) return '';
  const diff = Date.parse(iso) - now;
  if (Number.isNaN(diff)) return '';
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'minute');
}
