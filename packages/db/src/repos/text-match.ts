import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

/**
 * `column` contains `text` literally (% and _ in the text match themselves). SQLite's LIKE ignores
 * ASCII case; on PostgreSQL this becomes ILIKE when that dialect lands.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
