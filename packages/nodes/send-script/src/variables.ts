import { text } from '@sopline/graph';
import type { Text } from '@sopline/graph';

/** A variable a script may use. A `prefix` variable is followed by a key, e.g. customer.properties.city. */
export type ScriptVariable = { name: string; label: Text; prefix?: true };

export const PROPERTY_PREFIX = 'customer.properties.';

export const SCRIPT_VARIABLES: readonly ScriptVariable[] = [
  { name: 'customer.name', label: text('客户姓名', 'Customer name') },
  { name: 'customer.stage', label: text('客户阶段', 'Lifecycle stage') },
  { name: 'customer.tags', label: text('客户标签', 'Customer tags') },
  { name: PROPERTY_PREFIX, label: text('客户属性（在点号后写属性名）', 'Customer property (write its key after the dot)'), prefix: true },
  { name: 'owner.name', label: text('负责销售姓名', "Owner's name") },
  { name: 'lastPurchase.product', label: text('最近购买的商品', 'Last purchased product') },
  { name: 'lastPurchase.amount', label: text('最近一次购买金额', 'Last purchase amount') },
  { name: 'lastPurchase.date', label: text('最近一次购买日期', 'Last purchase date') },
];

export function isKnownVariable(name: string): boolean {
  return SCRIPT_VARIABLES.some((v) => (v.prefix ? name.startsWith(v.name) && name.length > v.name.length : name === v.name));
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(next[j - 1]! + 1, row[j]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The known variable an unknown name was most likely meant to be, for a "did you mean" hint. */
export function suggestVariable(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const v of SCRIPT_VARIABLES) {
    const candidate = v.prefix ? v.name + name.split('.').slice(2).join('.') : v.name;
    const d = distance(name.slice(0, 64), candidate);
    if (d <= 3 && (!best || d < best.d)) best = { name: candidate, d };
  }
  return best?.name;
}
