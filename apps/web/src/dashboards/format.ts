/** 0.625 → '62.5'; null → null. One decimal at most, no trailing '.0'. */
export function percentOf(rate: number | null): string | null {
  if (rate === null) return null;
  return String(Math.round(rate * 1000) / 10);
}

const UNITS = {
  en: { min: ' min', h: ' h', d: ' d' },
  'zh-CN': { min: ' 分钟', h: ' 小时', d: ' 天' },
} as const;

/** A duration in minutes, in the unit that reads best: 35 min, 2.5 h, 1.2 d (the sign dropped). */
export function durationText(minutes: number, lang: string): string {
  const u = lang.startsWith('zh') ? UNITS['zh-CN'] : UNITS.en;
  const m = Math.abs(minutes);
  const round = (x: number) => String(Math.round(x * 10) / 10);
  if (m < 60) return `${round(m)}${u.min}`;
  if (m < 48 * 60) return `${round(m / 60)}${u.h}`;
  return `${round(m / 1440)}${u.d}`;
}
