import { text } from '@sopline/graph';
import type { Lang, Text } from '@sopline/graph';

export type ExitReason = { code: string; label: Text };

/**
 * Why a customer leaves a journey: the code is what the enrollment records (and dashboards group
 * by); the label is what every screen shows, in the operator's language. An exit node picks one of
 * these, or names its own reason in its own words ("other"), which is then its code and its label.
 */
export const EXIT_REASONS: readonly ExitReason[] = [
  { code: 'completed', label: text('走完旅程', 'Completed') },
  { code: 'purchased', label: text('已购买', 'Purchased') },
  { code: 'paid', label: text('首单后完成跟进', 'Paid and followed up') },
  { code: 'repeat', label: text('已复购', 'Bought again') },
  { code: 'advocate', label: text('成为 KOC 推荐官', 'Became an advocate (KOC)') },
  { code: 'koc', label: text('成为 KOC', 'Became a KOC') },
  { code: 'won', label: text('已成交', 'Won') },
  { code: 'dormant', label: text('未下单，转为沉睡', 'Did not buy: now dormant') },
  { code: 'churned', label: text('已流失', 'Churned') },
  { code: 'lapsed', label: text('超过复购周期未购买', 'Lapsed: no repeat order') },
  { code: 'no-response', label: text('多次联系无回应', 'No response') },
  { code: 'not_converted', label: text('未转化', 'Not converted') },
  { code: 'not-now', label: text('暂不考虑', 'Not now') },
  { code: 'nurture', label: text('转入长期培育', 'Moved to nurturing') },
  { code: 'no-birthday', label: text('没有生日信息', 'No birthday on file') },
];

/** Reasons the engine records by itself (not offered on an exit node). */
const ENGINE_REASONS: readonly ExitReason[] = [
  { code: 'goal', label: text('达成目标', 'Reached the goal') },
  { code: 'loop-guard', label: text('步数过多，已停止', 'Stopped: too many steps') },
  { code: 'cancelled', label: text('已移出', 'Removed') },
];

/** An exit reason as a person reads it: its label, or the operator's own words for a reason of their own. */
export function exitReasonLabel(code: string, lang: Lang): string {
  const known = EXIT_REASONS.find((r) => r.code === code) ?? ENGINE_REASONS.find((r) => r.code === code);
  return known ? known.label[lang] : code;
}
