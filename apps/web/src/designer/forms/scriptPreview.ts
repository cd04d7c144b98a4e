import type { CustomerSnapshot, Purchase } from '@sopline/node-sdk';
import { isKnownVariable, parseScript, renderScript, scriptValues } from '@sopline/node-send-script/manifest';

/** The sample customer's own words, in the language of the screen the preview is on. */
const SAMPLE = {
  'zh-CN': { name: '王小明', tags: ['VIP', '老客'], city: '杭州', level: '金卡', product: '面霜', category: '护肤' },
  en: { name: 'Emma Lee', tags: ['VIP', 'regular'], city: 'London', level: 'Gold', product: 'Face cream', category: 'Skincare' },
} as const;

/** The sample customer every script preview is rendered for. */
export function sampleValues(ownerName: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Record<string, unknown> {
  const s = SAMPLE[lang];
  const customer: CustomerSnapshot = {
    id: 'sample',
    name: s.name,
    stage: 'paid',
    ownerId: 'sample-owner',
    owner: { id: 'sample-owner', name: ownerName },
    timezone: 'Asia/Shanghai',
    tags: [...s.tags],
    properties: { city: s.city, birthday: '1990-05-17', memberLevel: s.level },
    createdAt: '2025-06-01T02:00:00.000Z',
  };
  const lastPurchase: Purchase = {
    eventId: 'sample-order',
    occurredAt: '2026-02-20T09:00:00.000Z',
    amount: 299,
    product: s.product,
    category: s.category,
    products: [s.product],
    categories: [s.category],
  };
  return scriptValues(customer, lastPurchase, 'Asia/Shanghai');
}

export type PreviewPart = { kind: 'text'; text: string } | { kind: 'value'; name: string; text: string } | { kind: 'unknown'; name: string };

/**
 * The script as the rep would receive it, in parts, so the preview can mark what came from a
 * variable and which variables are unknown. Joined, the text parts equal `renderScript`.
 */
export function previewParts(script: string, values: Readonly<Record<string, unknown>>): PreviewPart[] {
  // renderScript joins lists with '、' in a Chinese script: join them here the same way first.
  const separator = /[\u3400-\u9fff]/.test(script) ? '、' : ', ';
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(separator) : v]));
  return parseScript(script).flatMap((p): PreviewPart[] => {
    if (p.kind === 'text') return [{ kind: 'text', text: p.text }];
    if (p.kind === 'unclosed') return [];
    if (!isKnownVariable(p.name)) return [{ kind: 'unknown', name: p.name }];
    return [{ kind: 'value', name: p.name, text: renderScript(`{{${p.name}}}`, flat) }];
  });
}

/** Where to put the caret after inserting `{{name}}`: inside the braces for a prefix like customer.properties. */
export function insertVariable(script: string, start: number, end: number, name: string, prefix: boolean): { script: string; caret: number } {
  const token = `{{${name}}}`;
  const next = script.slice(0, start) + token + script.slice(end);
  return { script: next, caret: start + (prefix ? token.length - 2 : token.length) };
}
