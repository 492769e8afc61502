// Adding to a rollup in the transaction that changes the rows it sums. Rows with the same key are summed
// first (an upsert may touch a row once), rows that add nothing are left out, and the rest go in key
// order: two transactions adding to the same rows then lock them in the same order and never deadlock.
import { getTableColumns, sql, type SQLWrapper } from 'drizzle-orm';
import type { PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Transaction } from '../client';
import { jsonRows } from './json-rows';

const keyPart = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/** The upsert adding `rows` to `table`: `sums` are added to what a row holds. Null when nothing adds. */
export function addRows<T extends PgTable>(
  tx: Transaction,
  table: T,
  key: readonly (keyof T['$inferInsert'] & string)[],
  sums: readonly (keyof T['$inferInsert'] & string)[],
  rows: readonly T['$inferInsert'][]
): SQLWrapper | null {
  const merged = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    const id = key.map((k) => keyPart(r[k])).join('\u0000');
    const into = merged.get(id);
    if (!into) merged.set(id, { ...r });
    else for (const k of sums) into[k] = Number(into[k]) + Number(r[k]);
  }
  const adding = [...merged]
    .filter(([, r]) => sums.some((k) => Number(r[k]) !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r as T['$inferInsert']);
  if (adding.length === 0) return null;
  const columns = getTableColumns(table);
  return tx
    .insert(table)
    .select(jsonRows(table, adding))
    .onConflictDoUpdate({
      target: key.map((k) => columns[k]).filter((c) => c !== undefined),
      set: Object.fromEntries(
        sums.map((k) => [k, sql`${columns[k]} + ${sql.raw(`excluded.${columns[k]?.name ?? k}`)}`])
      ) as PgUpdateSetSource<T>
    });
}

/**
 * The writes as one statement of data-modifying CTEs: one round trip, run in the order given (the main
 * query reads none of them, so Postgres runs each to its end, in turn, after it).
 */
export async function runWrites(tx: Transaction, writes: readonly (SQLWrapper | null)[]): Promise<void> {
  const some = writes.filter((w) => w !== null);
  if (some.length === 0) return;
  // Drizzle embeds each query in parentheses, as a CTE wants it.
  await tx.execute(
    sql`with ${sql.join(
      some.map((w, i) => sql`${sql.raw(`w${i}`)} as ${w}`),
      sql`, `
    )} select 1`
  );
}
