import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Every IANA zone the browser knows, plus the current one should the browser not list it. */
function zonesWith(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** A zone as people know it, in their language, with its id to search by: 中国标准时间 · Asia/Shanghai. */
function zoneOption(zone: string, lang: string): { value: string; label: string } {
  try {
    const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    return { value: zone, label: name && !name.startsWith('GMT') ? `${name} · ${zone}` : zone };
  } catch {
    return { value: zone, label: zone };
  }
}

function nowIn(zone: string, lang: string): string {
  try {
    return new Date().toLocaleString(lang, { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return '—';
  }
}

/** The browser's own zone: the default where a person sets a zone for the first time. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

/** A searchable list of time zones whose description shows the time there now, in the user's language. */
export function TimeZoneSelect(props: {
  label: string;
  value: string;
  onChange(zone: string): void;
  /** The help under the field, given the time in the chosen zone now. */
  describe?: (now: string) => string;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
  /** An extra first choice meaning "no zone of its own" (e.g. follow the workspace's), with its value and label. */
  follow?: { value: string; label: string };
}) {
  const { t, i18n } = useTranslation();
  const following = props.follow !== undefined && props.value === props.follow.value;
  const zones = useMemo(() => (following ? Intl.supportedValuesOf('timeZone') : zonesWith(props.value)), [props.value, following]);
  const options = useMemo(() => zones.map((z) => zoneOption(z, i18n.language)), [zones, i18n.language]);
  return (
    <Select
      label={props.label}
      description={following ? undefined : (props.describe ?? ((now) => t('common.timezoneNow', { now })))(nowIn(props.value, i18n.language))}
      placeholder={t('common.timezonePlaceholder')}
      nothingFoundMessage={t('common.timezoneNothingFound')}
      data={props.follow ? [{ value: props.follow.value || '·', label: props.follow.label }, ...options] : options}
      value={following ? props.follow!.value || '·' : props.value}
      onChange={(v) => v && props.onChange(props.follow && v === (props.follow.value || '·') ? props.follow.value : v)}
      searchable
      allowDeselect={false}
      maxDropdownHeight={280}
      error={props.error}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}
