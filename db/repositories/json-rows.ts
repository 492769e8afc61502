// A batch of rows as ONE JSON parameter expanded in SQL, for `insert(table).select(jsonRows(...))`: drizzle's
// multi-row values() builds a parameter per column per row, which for a batch of a thousand settlements
// cost more CPU than the insert itself (the way appendEvents sends its events).
import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The rows as a select of every insertable column in the table's order, as drizzle's insert-select wants
 * it. A value a row leaves out (or gives as null) takes the column's default, as in values().
 */
export function jsonRows<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  // The columns drizzle inserts: all but those generated always.
  const columns = Object.entries(getTableColumns(table)).filter(
    ([, c]) => c.generated === undefined || c.generated.type === 'byDefault'
  );
  const made = columns.filter(([, c]) => c.defaultFn !== undefined);
  const filled =
    made.length === 0
      ? rows
      : rows.map((row) => {
          const r: Record<string, unknown> = { ...row };
          for (const [key, c] of made) if (r[key] === undefined) r[key] = c.defaultFn?.();
          return r;
        });
  const types = columns.map(([key, c]) => sql`${sql.identifier(key)} ${sql.raw(c.getSQLType())}`);
  const values = columns.map(([key, c]) => {
    const value = sql`r.${sql.identifier(key)}`;
    if (c.default === undefined) return value;
    const fallback = is(c.default, SQL)
      ? c.default
      : sql`${sql.param(c.default, c)}::${sql.raw(c.getSQLType())}`;
    return sql`coalesce(${value}, ${fallback})`;
  });
  return sql`select ${sql.join(values, sql`, `)}
    from jsonb_to_recordset(${JSON.stringify(filled)}::jsonb) as r(${sql.join(types, sql`, `)})`;
}
