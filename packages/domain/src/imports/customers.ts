import type { Db, User } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { Row } from '@sopline/tabular';
import { itemErrors } from '../events/ingest-batch.ts';
import type { Stage } from '../stages/stages.ts';
import { matchStage, workspaceStages } from '../stages/stages.ts';
import type { CustomerProperty } from '../properties/properties.ts';
import { workspaceProperties } from '../properties/properties.ts';
import { CustomerUpsertInput, Rejected, upsertCustomerIn } from '../customers/upsert.ts';
import type { Parsed } from './cells.ts';
import { dateCell, externalIdOf, plainText, tagsCell, zoneCell } from './cells.ts';
import type { CustomerField, ImportField, ImportMapping } from './fields.ts';
import { FIELD_LABELS, PROPERTY_TARGET } from './fields.ts';
import { writeGroup } from './group.ts';

/** What is wrong with a row: the column (0-based) and field it is about, in both languages; column null for the row as a whole. */
export type RowProblem = { column: number | null; field: string | null; 'zh-CN': string; en: string };

/** A cell's problem, prefixed with the field it fills ("手机号：…" / "Phone: …"). */
export function fieldProblem(column: number, field: ImportField, problem: { 'zh-CN': string; en: string }): RowProblem {
  return { column, field, 'zh-CN': `${FIELD_LABELS[field]['zh-CN']}：${problem['zh-CN']}`, en: `${FIELD_LABELS[field].en}: ${problem.en}` };
}

/** What a customers import looks names up in, read once per run. */
export type CustomerDirectory = { stages: readonly Stage[]; users: User[]; properties: readonly CustomerProperty[] };

export async function customerDirectory(db: Db, workspaceId: string): Promise<CustomerDirectory> {
  return { stages: await workspaceStages(db, workspaceId), users: (await repos(db).users.list(workspaceId)).filter((u) => u.active), properties: await workspaceProperties(db, workspaceId) };
}

/** A property cell read by the property's declared type (one not declared yet is text: the import declares it so). */
function propertyCell(v: string, property: CustomerProperty | undefined): Parsed<string | number> {
  if (property?.type === 'date') return dateCell(v);
  if (property?.type === 'number') {
    const n = Number(v.replace(/[,，\s]/g, ''));
    return Number.isFinite(n) ? { value: n } : { problem: text(`「${v.slice(0, 40)}」不是数字`, `"${v.slice(0, 40)}" is not a number`) };
  }
  return plainText(v, 2000);
}

/** The owner a cell names: an active member's e-mail or name (a name two members share must be an e-mail). */
function ownerCell(v: string, users: User[]): Parsed<string> {
  const lower = v.toLowerCase();
  const byEmail = users.find((u) => u.email.toLowerCase() === lower);
  if (byEmail) return { value: byEmail.email };
  const byName = users.filter((u) => u.name.trim() === v);
  if (byName.length === 1) return { value: byName[0]!.email };
  if (byName.length > 1) return { problem: text(`有 ${byName.length} 位成员叫「${v}」，请改写成邮箱：${byName.map((u) => u.email).join('、')}`, `${byName.length} members are called "${v}"; write the e-mail instead: ${byName.map((u) => u.email).join(', ')}`) };
  return { problem: text(`工作区里没有邮箱或姓名为「${v}」的在职成员`, `No active member of the workspace has the e-mail or name "${v}"`) };
}

function stageCell(v: string, stages: readonly Stage[]): Parsed<string> {
  const code = matchStage(stages, v);
  if (code !== null) return { value: code };
  return { problem: text(`没有「${v}」这个阶段，可用：${stages.map((s) => s.label['zh-CN']).join('、')}`, `There is no stage "${v}"; known stages: ${stages.map((s) => s.label.en).join(', ')}`) };
}

function parseField(field: CustomerField, v: string, dir: CustomerDirectory): Parsed<unknown> {
  switch (field) {
    case 'name':
      return plainText(v, 200);
    case 'phone':
    case 'email':
    case 'wechat_openid':
    case 'wechat_unionid':
    case 'member_id':
      return externalIdOf(field, v);
    case 'owner':
      return ownerCell(v, dir.users);
    case 'stage':
      return stageCell(v, dir.stages);
    case 'tags':
      return tagsCell(v);
    case 'birthday':
      return dateCell(v);
    case 'timezone':
      return zoneCell(v);
  }
}

/** A row turned into an upsert item, the ids it names the customer by, and what is wrong with its cells. */
export type CustomerRowResult = { item: Record<string, unknown>; ids: string[]; problems: RowProblem[] };

/**
 * Reads one row by the mapping. An empty cell leaves its field as it is. A property cell is kept as
 * text, under the property's key. Each problem names the column it comes from.
 */
export function customerRow(row: Row, mapping: ImportMapping, dir: CustomerDirectory): CustomerRowResult {
  const item: Record<string, unknown> = {};
  const properties: Record<string, string | number> = {};
  const problems: RowProblem[] = [];
  for (const [column, target] of mapping.entries()) {
    const raw = (row.cells[column] ?? '').trim();
    if (target === null || raw === '') continue;
    if (target.startsWith(PROPERTY_TARGET)) {
      const key = target.slice(PROPERTY_TARGET.length);
      const property = dir.properties.find((p) => p.key === key);
      const parsed = propertyCell(raw, property);
      const label = property?.label ?? text(key, key);
      if ('problem' in parsed) problems.push({ column, field: target, 'zh-CN': `${label['zh-CN']}：${parsed.problem['zh-CN']}`, en: `${label.en}: ${parsed.problem.en}` });
      else properties[key] = parsed.value;
      continue;
    }
    const field = target as CustomerField;
    const parsed = parseField(field, raw, dir);
    if ('problem' in parsed) {
      problems.push(fieldProblem(column, field, parsed.problem));
      continue;
    }
    if (field === 'owner') item.ownerEmail = parsed.value;
    else if (field === 'birthday') properties.birthday = parsed.value as string;
    else item[field] = parsed.value;
  }
  if (Object.keys(properties).length > 0) item.properties = properties;
  const ids = EXTERNAL_ID_COLUMNS.filter((c) => typeof item[c] === 'string').map((c) => `${c}:${item[c] as string}`);
  if (ids.length === 0 && problems.length === 0) {
    problems.push({
      column: null,
      field: null,
      'zh-CN': `这一行没有可识别客户的信息（${EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c]['zh-CN']).join('、')}）`,
      en: `The row has nothing to identify the customer by (${EXTERNAL_ID_COLUMNS.map((c) => FIELD_LABELS[c].en).join(', ')})`,
    });
  }
  return { item, ids, problems };
}

export type WriteOutcome = { status: 'created' | 'updated' } | { status: 'rejected'; problems: RowProblem[] };

/** The column a problem found by the upsert itself belongs to. */
function columnOf(path: string, mapping: ImportMapping): { column: number | null; field: string | null } {
  const head = path.split('.')[0] ?? '';
  const field = head === 'ownerEmail' ? 'owner' : head === 'properties' ? `${PROPERTY_TARGET}${path.split('.')[1] ?? ''}` : head;
  const column = mapping.indexOf(field as never);
  return column >= 0 ? { column, field } : { column: null, field: null };
}

function upsertProblems(errors: Array<{ path: string; message: string }>, mapping: ImportMapping): RowProblem[] {
  return errors.map((e) => {
    const where = columnOf(e.path, mapping);
    const col = EXTERNAL_ID_COLUMNS.find((c) => c === e.path);
    if (col && e.message.includes('belongs to another customer')) {
      const label = FIELD_LABELS[col];
      return { ...where, 'zh-CN': `${label['zh-CN']}属于另一位客户，与这一行的其他识别信息不是同一人`, en: `${label.en} belongs to another customer than the row's other ids` };
    }
    return { ...where, 'zh-CN': `数据有误：${e.message}`, en: e.message };
  });
}

/**
 * Writes a group of rows in one transaction, each in its own savepoint: a refused row is rolled back
 * alone. A dry run does all of it and rolls the whole transaction back, so its counts are the
 * import's own. `history` stores the import's events as history: no journey starts from them.
 * `after` runs before the commit (inside the transaction) or after the rollback of a dry run.
 */
export async function writeCustomers(
  db: Db,
  workspaceId: string,
  items: Array<Record<string, unknown>>,
  options: { stages: readonly Stage[]; properties: readonly CustomerProperty[]; mapping: ImportMapping; dryRun: boolean; history: boolean; after?: (db: Db, outcomes: WriteOutcome[]) => Promise<void> },
): Promise<WriteOutcome[]> {
  return writeGroup(db, options, async (trx) => {
    const outcomes: WriteOutcome[] = [];
    for (const item of items) {
      const parsed = CustomerUpsertInput.safeParse(item);
      if (!parsed.success) {
        outcomes.push({ status: 'rejected', problems: upsertProblems(itemErrors(parsed.error), options.mapping) });
        continue;
      }
      const row = await trx.savepoint('import_row').execute();
      try {
        const done = await upsertCustomerIn(row, workspaceId, parsed.data, options.stages, { source: 'import', history: options.history }, options.properties);
        await row.releaseSavepoint('import_row').execute();
        outcomes.push({ status: done.status });
      } catch (err) {
        if (!(err instanceof Rejected)) throw err;
        await row.rollbackToSavepoint('import_row').execute();
        outcomes.push({ status: 'rejected', problems: upsertProblems(err.errors, options.mapping) });
      }
    }
    return outcomes;
  });
}
