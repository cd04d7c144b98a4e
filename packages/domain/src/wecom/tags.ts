import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { WeComClient } from '@sopline/wecom';
import { corpTags } from '@sopline/wecom';

/**
 * The corp tag catalogue (企业标签) kept in step with Sopline's tags. Every WeCom tag has a Sopline
 * tag of the same name that knows its WeCom id, so a rename in WeCom renames it here; a tag deleted
 * in WeCom loses its link but stays in Sopline (journeys may name it, customers keep it). Any
 * change_external_tag event, and the start of an import from WeCom, runs the whole sync: the
 * catalogue is small, and a full pass cannot miss what a group change moved.
 */
export type TagSync = { linked: number; renamed: number; unlinked: number };

export async function syncCorpTags(db: Db, client: WeComClient, workspaceId: string): Promise<TagSync> {
  const groups = await corpTags(client);
  const present = groups.filter((g) => !g.deleted).flatMap((g) => g.tag.filter((t) => !t.deleted));
  return db.transaction().execute(async (trx) => {
    const r = repos(trx).wecom;
    let linked = 0;
    let renamed = 0;
    for (const tag of present) {
      const name = tag.name.trim().slice(0, 64);
      if (!name) continue;
      const before = await r.taggedByWecomId(workspaceId, tag.id);
      if (before?.name === name) continue;
      const free = before ? !(await trx.selectFrom('tags').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst()) : false;
      if (before && free) {
        // Renamed in WeCom: the same Sopline tag takes the new name, its customers with it.
        await repos(trx).tags.rename(workspaceId, before.id, name);
        renamed += 1;
      } else {
        await r.linkTag(workspaceId, name, tag.id);
        linked += 1;
      }
    }
    const unlinked = await r.unlinkTagsExcept(
      workspaceId,
      present.map((t) => t.id),
    );
    return { linked, renamed, unlinked };
  });
}
