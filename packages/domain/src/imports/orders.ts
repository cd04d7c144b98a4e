import type { Db, ExternalIdColumn } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS, repos } from '@sopline/db';
import type { Row } from '@sopline/tabular';
import { createCustomerIn } from '../customers.ts';
import { amountCell, externalIdOf, plainText, timeCell } from './cells.ts';
import type { Parsed } from './cells.ts';
import type { RowProblem } from './customers.ts';
import { fieldProblem } from './customers.ts';
import type { ImportMapping, OrderField } from './fields.ts';
import { FIELD_LABELS } from './fields.ts';
import { writeGroup } from './group.ts';

/** An order read from a row: a purchase event once written. */
export type OrderItem = { orderId: string; customer: Partial<Record<ExternalIdColumn, string>>; payload: Record<string, unknown>; occurredAt: string | null };

function parseField(field: OrderField, v: string, zone: string): Parsed<unknown> {
  switch (field) {
    case 'order_id':
      return plainText(v, 200);
    case 'amount':
      return amountCell(v);
    case 'product':
    case 'category':
      return plainText(v, 200);
    case 'currency':
      return /^[A-Za-z]{3}$/.test(v) ? { value: v.toUpperCase() } : { problem: { 'zh-CN': `「${v}」不是币种代码，如 CNY`, en: `"${v}" is not a currency code such as CNY` } };
    case 'ordered_at':
      return timeCell(v, zone);
    case 'phone':
    case 'email':
    case 'wechat_openid':
    case 'wechat_unionid':
    case 'member_id':
      return externalIdOf(field, v);
  }
}

export function orderRow(row: Row, mapping: ImportMapping, zone: string): { item: OrderItem | null; ids: string[]; problems: RowProblem[] } {
  const values: Partial<Record<OrderField, unknown>> = {};
  const problems: RowProblem[] = [];
  for (const [column, target] of mapping.entries()) {
    const raw = (row.cells[column] ?? '').trim();
    if (target === null || raw === '') continue;
    const field = target as OrderField;
    const parsed = parseField(field, raw, zone);
    if ('problem' in parsed) problems.push(fieldProblem(column, field, parsed.problem));
    else values[field] = parsed.value;
  }
  for (const required of ['order_id', 'amount'] as const) {
    if (values[required] === undefined && !problems.some((p) => p.field === required)) {
      const column = mapping.indexOf(required);
      problems.push({ column: column >= 0 ? column : null, field: required, 'zh-CN': `缺少${FIELD_LABELS[required]['zh-CN']}`, en: `${FIELD_LABELS[required].en} is missing` });
    }
  }
  const customer = Object.fromEntries(EXTERNAL_ID_COLUMNS.filter((c) => typeof values[c] === 'string').map((c) => [c, values[c] as string]));
  if (Object.keys(customer).length === 0 && !problems.some((p) => (EXTERNAL_ID_COLUMNS as readonly string[]).includes(p.field ?? ''))) {
    problems.push({ column: null, field: null, 'zh-CN': `这一行没有可找到客户的信息（${EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c]['zh-CN']).join('、')}）`, en: `The row has nothing to find the customer by (${EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c].en).join(', ')})` });
  }
  if (problems.length > 0) return { item: null, ids: [], problems };
  const payload: Record<string, unknown> = { amount: values.amount, orderId: values.order_id, source: 'import' };
  for (const key of ['product', 'category', 'currency'] as const) if (values[key] !== undefined) payload[key] = values[key];
  return { item: { orderId: values.order_id as string, customer, payload, occurredAt: (values.ordered_at as string | undefined) ?? null }, ids: [`order:${values.order_id as string}`], problems: [] };
}

export type OrderOutcome = { status: 'created' | 'updated' } | { status: 'rejected'; problems: RowProblem[] };

/**
 * Writes a group of orders as purchase events in one transaction: the order id is the idempotency
 * key, so an order imported before counts as `updated` (already there) and is not stored twice; a
 * customer no id finds is created. A dry run rolls everything back. `history` (the default for an
 * import of past orders) stores the purchases as history: they count in branches, the funnel and
 * the dashboards, but start and wake no journey.
 */
export async function writeOrders(db: Db, workspaceId: string, items: OrderItem[], options: { dryRun: boolean; history: boolean; after?: (db: Db, outcomes: OrderOutcome[]) => Promise<void> }): Promise<OrderOutcome[]> {
  return writeGroup(db, options, async (trx) => {
    const outcomes: OrderOutcome[] = [];
    const r = repos(trx);
    for (const item of items) {
      const key = `order:${item.orderId}`;
      if (await r.events.byKey(workspaceId, key)) {
        outcomes.push({ status: 'updated' });
        continue;
      }
      let customer = await r.customers.findByExternalId(workspaceId, item.customer);
      if (!customer) {
        const ids = item.customer;
        customer = await createCustomerIn(trx, { ...ids, workspaceId, name: ids.phone ?? ids.email ?? ids.member_id ?? ids.wechat_unionid ?? ids.wechat_openid ?? '—', source: 'import', history: options.history });
      }
      await r.events.insert({ workspaceId, customerId: customer.id, kind: 'purchase', payload: item.payload, ...(item.occurredAt ? { occurredAt: item.occurredAt } : {}), idempotencyKey: key, history: options.history });
      outcomes.push({ status: 'created' });
    }
    return outcomes;
  });
}
