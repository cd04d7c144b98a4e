import type { Db, PropertyRow, PropertyType } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';

export const PROPERTY_TYPES = ['text', 'number', 'date'] as const;

/** A property of the workspace's list, as every screen and API shows it. */
export type CustomerProperty = { key: string; type: PropertyType; label: Text; builtIn: boolean };

/** The property every workspace has: the date wait's birthday care reads it. */
export const BIRTHDAY: CustomerProperty = { key: 'birthday', type: 'date', label: text('生日', 'Birthday'), builtIn: true };

/** A key as scripts name it ({{customer.properties.城市}}): no dots or braces, no spaces at the ends. */
export const PropertyKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^.{}]+$/, 'no dots or braces, e.g. city or 城市');

export const PropertyListInput = z
  .array(z.object({ key: PropertyKey, type: z.enum(PROPERTY_TYPES), label: z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(40) }) }))
  .max(100);

const propertyOf = (row: PropertyRow): CustomerProperty => ({ key: row.key, type: row.type, label: text(row.label_zh, row.label_en), builtIn: row.key === BIRTHDAY.key });

const isDate = (v: string) => /^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})/.test(v) && (v.startsWith('--') || DateTime.fromISO(v.slice(0, 10)).isValid);
const isNumber = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));

/** The type values suggest: date when every sample is an ISO date, number when every one is a number, else text. */
function guessType(samples: string[]): PropertyType {
  if (samples.length > 0 && samples.every(isDate)) return 'date';
  if (samples.length > 0 && samples.every(isNumber)) return 'number';
  return 'text';
}

/**
 * The workspace's properties in order. A workspace whose list was never written gets the built-in
 * birthday plus every key its customers already carry (typed from their values, labelled with the
 * key, to be renamed in Settings), so nothing that worked before stops working.
 */
export async function workspaceProperties(db: Db, workspaceId: string): Promise<CustomerProperty[]> {
  const r = repos(db);
  const rows = await r.properties.list(workspaceId);
  if (rows.length > 0) return rows.map(propertyOf);
  const at = nowIso();
  const carried = [...(await r.properties.inUse(workspaceId)).entries()].filter(([key]) => key !== BIRTHDAY.key && PropertyKey.safeParse(key).success).sort(([a], [b]) => (a < b ? -1 : 1));
  await r.properties.addMissing([
    { workspace_id: workspaceId, key: BIRTHDAY.key, type: 'date', label_zh: BIRTHDAY.label['zh-CN'], label_en: BIRTHDAY.label.en, position: 0, created_at: at },
    ...carried.map(([key, samples], i) => ({ workspace_id: workspaceId, key, type: guessType(samples), label_zh: key, label_en: key, position: i + 1, created_at: at })),
  ]);
  return (await r.properties.list(workspaceId)).map(propertyOf);
}

/** Adds properties the workspace lacks (an import's new columns), after the existing ones; existing keys stay as they are. */
export async function addProperties(db: Db, workspaceId: string, added: Array<{ key: string; type: PropertyType; label?: Text }>): Promise<void> {
  const known = await workspaceProperties(db, workspaceId);
  const at = nowIso();
  const fresh = added.filter((p) => !known.some((k) => k.key === p.key));
  await repos(db).properties.addMissing(
    fresh.map((p, i) => ({ workspace_id: workspaceId, key: p.key, type: p.type, label_zh: p.label?.['zh-CN'] ?? p.key, label_en: p.label?.en ?? p.key, position: known.length + i, created_at: at })),
  );
}

export function unknownProperty(properties: readonly CustomerProperty[], key: string, field: string): DomainError {
  return new DomainError(
    'property.unknown',
    text(
      `「${key}」不是本工作区定义的客户属性。已有：${properties.map((p) => `${p.label['zh-CN']}（${p.key}）`).join('、')}；要新增，请在「设置 → 工作区 → 客户属性」里添加`,
      `"${key}" is not a customer property of this workspace. Known: ${properties.map((p) => `${p.label.en} (${p.key})`).join(', ')}. To add one, go to Settings → Workspace → Customer properties`,
    ),
    [],
    { field, known: properties.map((p) => p.key) },
  );
}

/**
 * Replaces the workspace's list (ops managers and admins; the router checks). Birthday stays, as a
 * date; a property a live journey reads cannot be dropped or change its type (the error names the
 * journey). Customers keep the values of a dropped property; journeys can no longer name it.
 */
export async function saveProperties(deps: { db: Db }, viewer: Viewer, input: z.input<typeof PropertyListInput>, readers: (key: string) => Promise<string[]>): Promise<CustomerProperty[]> {
  const list = PropertyListInput.parse(input);
  const keys = list.map((p) => p.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw new DomainError('property.duplicate', text(`属性「${dup}」重复了`, `The property "${dup}" appears twice`), [], { field: `properties.${keys.lastIndexOf(dup)}.key` });
  const birthday = list.find((p) => p.key === BIRTHDAY.key);
  if (!birthday || birthday.type !== 'date') throw new DomainError('property.built-in', text('生日是内置的日期属性，不能删除或改类型', 'Birthday is a built-in date property: it cannot be removed or retyped'), [], { field: 'properties' });
  const before = await workspaceProperties(deps.db, viewer.workspaceId);
  for (const old of before) {
    const now = list.find((p) => p.key === old.key);
    if (now && now.type === old.type) continue;
    const journeys = await readers(old.key);
    if (journeys.length > 0) {
      throw new DomainError(
        'property.in-use',
        text(`正在运行的旅程「${journeys.join('」「')}」用到了属性「${old.key}」，不能${now ? '改类型' : '删除'}`, `The live journey "${journeys.join('", "')}" reads the property "${old.key}": it cannot be ${now ? 'retyped' : 'removed'}`),
        [],
        { field: 'properties' },
      );
    }
  }
  const at = nowIso();
  return deps.db.transaction().execute(async (trx) => {
    await repos(trx).properties.replace(
      viewer.workspaceId,
      list.map((p, i) => ({ workspace_id: viewer.workspaceId, key: p.key, type: p.type, label_zh: p.label['zh-CN'], label_en: p.label.en, position: i, created_at: at })),
    );
    return (await repos(trx).properties.list(viewer.workspaceId)).map(propertyOf);
  });
}

/**
 * What is wrong with property values for the workspace's catalogue: a declared date must be an ISO
 * date (1990-05-04, or --05-04 without a year), a declared number a number. Keys the workspace does
 * not define are kept as they come (journeys cannot read them until they are declared).
 */
export function propertyValueProblems(properties: readonly CustomerProperty[], values: Record<string, unknown>): Array<{ key: string; text: Text }> {
  const problems: Array<{ key: string; text: Text }> = [];
  for (const [key, value] of Object.entries(values)) {
    const declared = properties.find((p) => p.key === key);
    if (!declared || value === null) continue;
    if (declared.type === 'date' && !(typeof value === 'string' && isDate(value))) {
      problems.push({ key, text: text(`属性「${key}」是日期，请写成 1990-05-04（或不带年份的 --05-04）`, `The property "${key}" is a date: write it as 1990-05-04 (or --05-04 without a year)`) });
    } else if (declared.type === 'number' && !(typeof value === 'number' && Number.isFinite(value))) {
      problems.push({ key, text: text(`属性「${key}」是数字`, `The property "${key}" is a number`) });
    }
  }
  return problems;
}

/** propertyValueProblems as an error naming the field (properties.<key>), for the APIs. */
export async function checkPropertyValues(db: Db, workspaceId: string, values: Record<string, unknown> | undefined): Promise<void> {
  if (!values || Object.keys(values).length === 0) return;
  const [first] = propertyValueProblems(await workspaceProperties(db, workspaceId), values);
  if (first) throw new DomainError('property.type', first.text, [], { field: `properties.${first.key}` });
}
