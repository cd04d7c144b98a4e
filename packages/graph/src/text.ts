/** A user-facing sentence in both UI languages. Every message that can reach an operator is one of these. */
export type Text = { 'zh-CN': string; en: string };
export type Lang = keyof Text;
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function text(zh: string, en: string): Text {
  return { 'zh-CN': zh, en };
}

/** The units a node's duration is counted in, named for its form (wait, wait-for-event's timeout). */
export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export const DURATION_UNIT_NAMES: Record<(typeof DURATION_UNITS)[number], Text> = {
  minutes: text('分钟', 'minutes'),
  hours: text('小时', 'hours'),
  days: text('天', 'days'),
  weeks: text('周', 'weeks'),
};
