// SQL for a filter's regions and a period's ranges, shared by the dashboards' reads.
import { sql, type SQL } from 'drizzle-orm';
import type { Range } from '../../dispatcher/insights/period-pieces';

export const regionList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `
  );

/** Both drivers answer a raw query with its rows under `rows`; the database type leaves it unknown. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `column` in any of the half-open ranges (there is at least one). */
export const inRanges = (column: SQL, ranges: readonly Range[]) =>
  sql`(${sql.join(
    ranges.map((r) => sql`(${column} >= ${instant(r.from)} and ${column} < ${instant(r.to)})`),
    sql` or `
  )})`;

/** A rollup's rows of one grain for the regions, whose buckets (starting at `column`) lie in the ranges. */
export const wholeBuckets = (
  grain: string,
  regionIds: readonly string[],
  ranges: readonly Range[],
  column: SQL = sql`bucket`
) => sql`grain = ${grain} and region_id in (${regionList(regionIds)}) and ${inRanges(column, ranges)}`;

/** Rows of several sources as one, the sources with nothing to read left out; null when none is left. */
export function unionAll(branches: readonly (SQL | null)[]): SQL | null {
  const kept = branches.filter((b): b is SQL => b !== null);
  return kept.length === 0 ? null : sql.join(kept, sql` union all `);
}
