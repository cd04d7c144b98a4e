import type { Db } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { ingestBatch } from '../events/ingest-batch.ts';
import type { Viewer } from '../users/viewer.ts';
import type { ImportError } from './import.ts';
import { csvTable } from './import.ts';

/** The columns of an orders file; one of the customer's external ids finds whose order it is. */
export const ORDER_COLUMNS = ['order_id', 'amount', 'product', 'category', 'currency', 'ordered_at', ...EXTERNAL_ID_COLUMNS] as const;
type OrderColumn = (typeof ORDER_COLUMNS)[number];

export type OrdersImportResult = { imported: number; duplicates: number; errors: ImportError[] };

const headerError = (en: string, zh: string) => new DomainError('csv.header', text(`CSV 表头有误：${zh}`, `The CSV header is wrong: ${en}`), [], { field: 'csv' });

/** A time as people write it in a sheet — ISO 8601, or "2026-11-03 14:20" — in the workspace's zone unless it says otherwise. */
function orderedAt(value: string, zone: string): string | null {
  const iso = DateTime.fromISO(value, { zone });
  const sheet = iso.isValid ? iso : DateTime.fromFormat(value, value.length > 10 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd', { zone });
  const alt = sheet.isValid ? sheet : DateTime.fromFormat(value, 'yyyy/M/d H:mm', { zone });
  return alt.isValid ? alt.toUTC().toISO() : null;
}

/**
 * Imports orders from CSV as purchase events, so past purchases count in branches, the funnel and
 * the dashboards. The order id is the idempotency key: importing the same file again stores nothing
 * twice. A customer named by an id the workspace does not know is created, as for events over the API.
 */
export async function importOrdersCsv(deps: { db: Db }, viewer: Viewer, input: { csv: string }): Promise<OrdersImportResult> {
  const { header, rows, errors } = csvTable(input.csv);
  const columns = header.map((h) => h.trim().toLowerCase());
  for (const required of ['order_id', 'amount'] as const) {
    if (!columns.includes(required)) throw headerError(`add the column ${required}`, `缺少列 ${required}`);
  }
  if (!EXTERNAL_ID_COLUMNS.some((c) => columns.includes(c))) {
    throw headerError(`add at least one of the columns ${EXTERNAL_ID_COLUMNS.join(', ')} to find the customer by`, `至少需要以下一列用于找到客户：${EXTERNAL_ID_COLUMNS.join('、')}`);
  }
  const unknown = columns.find((c) => !(ORDER_COLUMNS as readonly string[]).includes(c));
  if (unknown !== undefined) throw headerError(`the column "${unknown}" is not one of ${ORDER_COLUMNS.join(', ')}`, `列「${unknown}」不是以下之一：${ORDER_COLUMNS.join('、')}`);
  const zone = (await repos(deps.db).workspaces.get(viewer.workspaceId))?.timezone ?? 'UTC';

  const items: unknown[] = [];
  const rowOfItem: number[] = [];
  for (const { row, cells } of rows) {
    const cell = (name: OrderColumn) => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : cells[index]!.trim();
    };
    const orderId = cell('order_id');
    const amount = Number(cell('amount').replace(/[,，¥￥\s]/g, ''));
    const customer = Object.fromEntries(EXTERNAL_ID_COLUMNS.map((c) => [c, cell(c)]).filter(([, v]) => v !== ''));
    const when = cell('ordered_at');
    const at = when === '' ? null : orderedAt(when, zone);
    const problem =
      orderId === '' ? { field: 'order_id', message: 'The order has no order_id' }
      : !Number.isFinite(amount) || cell('amount') === '' ? { field: 'amount', message: `"${cell('amount')}" is not an amount` }
      : Object.keys(customer).length === 0 ? { field: null, message: `The row has none of ${EXTERNAL_ID_COLUMNS.join(', ')} to find the customer by` }
      : when !== '' && at === null ? { field: 'ordered_at', message: `"${when}" is not a time, e.g. 2026-11-03 14:20` }
      : null;
    if (problem) {
      errors.push({ row, ...problem });
      continue;
    }
    const payload: Record<string, unknown> = { amount, orderId };
    for (const key of ['product', 'category', 'currency'] as const) if (cell(key) !== '') payload[key] = cell(key);
    items.push({ kind: 'purchase', customer, payload, ...(at ? { occurredAt: at } : {}), idempotencyKey: `order:${orderId}` });
    rowOfItem.push(row);
  }

  let imported = 0;
  let duplicates = 0;
  const results = await ingestBatch(deps, { workspaceId: viewer.workspaceId, items });
  for (const result of results) {
    if (result.status === 'accepted') imported += 1;
    else if (result.status === 'duplicate') duplicates += 1;
    else for (const e of result.errors) errors.push({ row: rowOfItem[result.index]!, field: e.path === 'occurredAt' ? 'ordered_at' : e.path.replace(/^payload\./, '') || null, message: e.message });
  }
  errors.sort((a, b) => a.row - b.row);
  return { imported, duplicates, errors };
}
