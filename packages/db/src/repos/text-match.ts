import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

/**
 * `column` contains `text` literally (% and _ in the text match themselves), ignoring case. Both sides
 * are lowered because PostgreSQL's LIKE is case-sensitive; SQLite's ignores ASCII case anyway, and
 * its lower() folds only ASCII, so on SQLite non-ASCII letters must match exactly.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
