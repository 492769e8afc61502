// The rollups' backfills, read from their migrations: tests and benches fill the rollups with the very
// statements an upgrade runs. Found by file-name suffix, since migrations are renumbered as branches merge.
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { schema, type Executor } from '../../db';

/** The INSERT statements of the migration whose file name ends with `suffix`, in the file's order. */
export function migrationBackfill(suffix: string): SQL[] {
  const folder = new URL('../../db/migrations/', import.meta.url);
  const file = readdirSync(folder).find((f) => f.endsWith(suffix));
  if (!file) throw new Error(`no migration named *${suffix}`);
  const statements = readFileSync(new URL(file, folder), 'utf8')
    .split('--> statement-breakpoint')
    .filter((s) => s.includes('INSERT INTO'));
  if (statements.length === 0) throw new Error(`the migration ${file} has no backfill`);
  return statements.map((s) => sql.raw(s));
}

/** The migrations with a backfill, in the order they run: the coarse rollups sum the hourly one. */
const ROLLUP_MIGRATIONS = ['_settlement_hourly_rollup.sql', '_coarse_rollups.sql'];

/** Every rollup emptied and filled again by its migration's backfill, as an upgrade would fill it. */
export async function refillRollups(db: Executor): Promise<void> {
  for (const table of [
    schema.settlementHourly,
    schema.settlementCityRollup,
    schema.settlementServiceRollup,
    schema.settlementRegionHourly,
    schema.revenueCells,
    schema.revenueOrders
  ])
    await db.delete(table);
  for (const suffix of ROLLUP_MIGRATIONS)
    for (const statement of migrationBackfill(suffix)) await db.execute(statement);
}
