import type { NodeCategory } from '@sopline/graph';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import { CATEGORY_ORDER } from './categories.ts';

/** What the palette needs of a node type. */
export type PaletteEntry = Pick<AnyNodeManifest, 'type' | 'category' | 'title' | 'description' | 'icon' | 'aliases'>;
export type PaletteGroup = { category: NodeCategory; items: PaletteEntry[] };

function normalise(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function haystack(entry: PaletteEntry): string {
  return normalise([entry.type, entry.title['zh-CN'], entry.title.en, entry.description['zh-CN'], entry.description.en, ...(entry.aliases ?? [])].join(' \u0000 '));
}

/** Every word of the query must appear in the title, description or aliases, in either language. */
export function matchesQuery(entry: PaletteEntry, query: string): boolean {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(entry);
  return words.every((w) => text.includes(w));
}

/**
 * The palette's groups for a query, in category order; empty groups are left out. Within a group
 * types whose title matches come first, otherwise the registry's (curated) order is kept.
 */
export function paletteGroups(entries: readonly PaletteEntry[], query: string): PaletteGroup[] {
  const q = normalise(query);
  const titleHit = (e: PaletteEntry) => (q !== '' && (normalise(e.title['zh-CN']).includes(q) || normalise(e.title.en).includes(q)) ? 0 : 1);
  return CATEGORY_ORDER.map((category) => ({
    category,
    items: entries
      .filter((e) => e.category === category && matchesQuery(e, query))
      .map((e, i) => ({ e, i, rank: titleHit(e) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ e }) => e),
  })).filter((g) => g.items.length > 0);
}
