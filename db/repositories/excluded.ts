// An upsert's `set` that takes columns from the row proposed (Postgres's `excluded`), for the multi-row
// upserts that store a whole batch in one statement: each row keeps its own values.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export function fromExcluded<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['_']['columns'] & string)[]
): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]));
}
