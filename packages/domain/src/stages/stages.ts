import type { Db, StageRow } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import { RETAIL_STAGES } from '@sopline/registry';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';

/** A stage of the workspace's list, as every screen and API shows it. */
export type Stage = { code: string; label: Text };

/** A code as the set-stage node writes it: lowercase letters, digits and dashes. */
export const StageCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and -, e.g. paid or first-visit');

/** A stage as callers may name it: its code, or its label in either language. */
export const StageName = z.string().trim().min(1).max(64);

export const StageListInput = z
  .array(z.object({ code: StageCode, label: z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(40) }) }))
  .min(1)
  .max(30);

const stageOf = (row: StageRow): Stage => ({ code: row.code, label: text(row.label_zh, row.label_en) });

/**
 * The workspace's stages in order. A workspace whose list was never written gets the method's retail
 * stages, plus any code its customers already carry (labelled with the code, to be renamed in Settings).
 */
export async function workspaceStages(db: Db, workspaceId: string): Promise<Stage[]> {
  const r = repos(db);
  const rows = await r.stages.list(workspaceId);
  if (rows.length > 0) return rows.map(stageOf);
  const at = nowIso();
  const defaults: StageRow[] = RETAIL_STAGES.map((s, i) => ({ workspace_id: workspaceId, code: s.id, label_zh: s.label['zh-CN'], label_en: s.label.en, position: i, created_at: at }));
  const carried = (await r.stages.inUse(workspaceId)).map((u) => u.code).filter((code) => !defaults.some((d) => d.code === code));
  const extra: StageRow[] = carried.sort().map((code, i) => ({ workspace_id: workspaceId, code, label_zh: code, label_en: code, position: defaults.length + i, created_at: at }));
  await r.stages.addMissing([...defaults, ...extra]);
  return (await r.stages.list(workspaceId)).map(stageOf);
}

/** Adds stages the workspace lacks (a template's funnel), after its own; existing codes stay as they are. */
export async function addStages(db: Db, workspaceId: string, added: readonly Stage[]): Promise<void> {
  const known = await workspaceStages(db, workspaceId);
  const at = nowIso();
  const fresh = added.filter((s) => !known.some((k) => k.code === s.code));
  await repos(db).stages.addMissing(fresh.map((s, i) => ({ workspace_id: workspaceId, code: s.code, label_zh: s.label['zh-CN'], label_en: s.label.en, position: known.length + i, created_at: at })));
}

const fold = (s: string) => s.trim().normalize('NFKC').toLowerCase();

/** The code a caller meant: the code itself, or a label in either language (case and width aside). */
export function matchStage(stages: readonly Stage[], name: string): string | null {
  const wanted = fold(name);
  const found = stages.find((s) => s.code === wanted) ?? stages.find((s) => fold(s.label['zh-CN']) === wanted || fold(s.label.en) === wanted);
  return found?.code ?? null;
}

export function unknownStage(stages: readonly Stage[], name: string, field: string): DomainError {
  const zh = stages.map((s) => `${s.label['zh-CN']}（${s.code}）`).join('、');
  const en = stages.map((s) => `${s.label.en} (${s.code})`).join(', ');
  return new DomainError(
    'stage.unknown',
    text(`「${name}」不是本工作区的阶段。可用的阶段：${zh}；要新增阶段，请在「设置 → 工作区 → 阶段」里添加`, `"${name}" is not a stage of this workspace. Known stages: ${en}. To add one, go to Settings → Workspace → Stages`),
    [],
    { field, known: stages.map((s) => s.code) },
  );
}

/** The stored code for a stage named by code or label, or a DomainError naming `field` and the known stages. */
export async function resolveStage(db: Db, workspaceId: string, name: string, field = 'stage'): Promise<string> {
  const stages = await workspaceStages(db, workspaceId);
  const code = matchStage(stages, name);
  if (code === null) throw unknownStage(stages, name, field);
  return code;
}

/**
 * Replaces the workspace's list (ops managers and admins; the router checks): the order given is the
 * funnel's order. A code that customers still carry cannot be dropped: the error says how many carry it.
 */
export async function saveStages(deps: { db: Db }, viewer: Viewer, input: z.input<typeof StageListInput>): Promise<Stage[]> {
  const list = StageListInput.parse(input);
  const codes = list.map((s) => s.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw new DomainError('stage.duplicate', text(`阶段代码「${dup}」重复了`, `The stage code "${dup}" appears twice`), [], { field: `stages.${codes.lastIndexOf(dup)}.code` });
  for (const [i, s] of list.entries()) {
    for (const label of [s.label['zh-CN'], s.label.en]) {
      const clash = list.findIndex((o, j) => j !== i && (fold(o.label['zh-CN']) === fold(label) || fold(o.label.en) === fold(label) || o.code === fold(label)));
      if (clash >= 0) throw new DomainError('stage.duplicate', text(`阶段名称「${label}」与另一个阶段相同`, `The stage name "${label}" is the same as another stage's`), [], { field: `stages.${i}.label` });
    }
  }
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const dropped = (await r.stages.inUse(viewer.workspaceId)).filter((u) => !codes.includes(u.code));
    if (dropped[0]) {
      const { code, customers } = dropped[0];
      throw new DomainError('stage.in-use', text(`还有 ${customers} 位客户处于阶段「${code}」，不能删除它；先把这些客户移到别的阶段`, `${customers} customers are still in the stage "${code}", so it cannot be removed: move them to another stage first`), [], { field: 'stages' });
    }
    const at = nowIso();
    await r.stages.replace(
      viewer.workspaceId,
      list.map((s, i) => ({ workspace_id: viewer.workspaceId, code: s.code, label_zh: s.label['zh-CN'], label_en: s.label.en, position: i, created_at: at })),
    );
    return (await r.stages.list(viewer.workspaceId)).map(stageOf);
  });
}
