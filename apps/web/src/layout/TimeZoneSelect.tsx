import { Select } from '@mantine/core';
import type { ComboboxItem } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Where our users' teams most often sit, first in the list, with the cities people type in Chinese. */
const COMMON: Record<string, string> = {
  'Asia/Shanghai': '上海 北京 中国',
  'Asia/Hong_Kong': '香港',
  'Asia/Taipei': '台北 台湾',
  'Asia/Macau': '澳门',
  'Asia/Singapore': '新加坡',
  'Asia/Kuala_Lumpur': '吉隆坡 马来西亚',
  'Asia/Tokyo': '东京 日本',
  'Asia/Seoul': '首尔 韩国',
  'Asia/Bangkok': '曼谷 泰国',
  'Asia/Dubai': '迪拜',
  'Europe/London': '伦敦 英国',
  'Europe/Paris': '巴黎 法国',
  'Europe/Berlin': '柏林 德国',
  'America/New_York': '纽约 美国东部',
  'America/Los_Angeles': '洛杉矶 美国西部',
  'Australia/Sydney': '悉尼 澳大利亚',
  UTC: '协调世界时',
};

/** Every IANA zone the browser knows, the common ones first, plus the current one should the browser not list it. */
function zonesWith(current: string): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  const common = Object.keys(COMMON).filter((z) => z === 'UTC' || all.includes(z));
  const zones = [...common, ...all.filter((z) => !(z in COMMON))];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** A zone as people know it, in their language, with its id to search by: 中国标准时间 · Asia/Shanghai. */
function zoneOption(zone: string, lang: string): { value: string; label: string } {
  try {
    const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    const cities = lang.startsWith('zh') ? COMMON[zone] : undefined;
    const label = name && !name.startsWith('GMT') ? `${name} · ${zone}` : zone;
    return { value: zone, label: cities ? `${label}（${cities.split(' ')[0]}）` : label };
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
  const zones = useMemo(() => zonesWith(following ? 'UTC' : props.value), [props.value, following]);
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
      // By the zone's name, its id or (for the common ones) a Chinese city: 北京 finds Asia/Shanghai.
      filter={({ options, search }) => {
        const q = search.trim().toLowerCase();
        if (!q) return options;
        return (options as ComboboxItem[]).filter((o) => o.label.toLowerCase().includes(q) || (COMMON[o.value] ?? '').includes(q));
      }}
      // A click selects what is there, so typing replaces it rather than landing in the middle of it.
      onFocus={(e) => e.currentTarget.select()}
      allowDeselect={false}
      maxDropdownHeight={280}
      error={props.error}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}
