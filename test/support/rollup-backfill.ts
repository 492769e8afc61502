// A rollup's backfill, read from its migration: tests and benches fill a rollup with the very statement
// an upgrade runs. Found by the file name's suffix, since migrations are renumbered as branches merge.
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';

/** The backfill of the migration whose file name ends with `suffix` (the hourly rollup's by default). */
export function rollupBackfill(suffix = '_settlement_hourly_rollup.sql'): SQL {
  const folder = new URL('../../db/migrations/', import.meta.url);
  const file = readdirSync(folder).find((f) => f.endsWith(suffix));
  const migration = readFileSync(new URL(file ?? 'missing', folder), 'utf8');
  const backfill = migration.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO'));
  if (!backfill) throw new Error(`the migration *${suffix} has no backfill`);
  return sql.raw(backfill);
}
