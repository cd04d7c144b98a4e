import type { Lang } from '@sopline/graph';

/** The UI language as the two our texts are written in: zh-CN for any Chinese, English otherwise. */
export function langOf(language: string): Lang {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}
