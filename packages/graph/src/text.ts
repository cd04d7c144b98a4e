/** A user-facing sentence in both UI languages. Every message that can reach an operator is one of these. */
export type Text = { 'zh-CN': string; en: string };
export type Lang = keyof Text;
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function text(zh: string, en: string): Text {
  return { 'zh-CN': zh, en };
}
