// The one place that knows which driver runs: embedded PGlite by default, Postgres with DATABASE_URL.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { isInitialised, readTemplate, writeTemplate } from './pglite-template';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs `fn` while no other process of this app runs one (start-up migrations and seeding). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Instances starting together on one Postgres take turns: the second sees the first one's work done.
const STARTUP_LOCK = 7_240_311;

export interface DatabaseOptions {
  /** Postgres connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory (tests). */
  dataDir?: string;
  /** Told about background connection errors (Postgres). */
  onError?: (err: Error) => void;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection dropped by the server is replaced on next use; unhandled, it would end the process.
    pool.on('error', (err) => options.onError?.(err));
    const db = drizzlePg(pool, { schema });
    const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        return await fn();
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
        lock.release();
      }
    };
    await exclusive(() => migratePg(db, { migrationsFolder }));
    return { db, kind: 'postgres', exclusive, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const fresh = !isInitialised(options.dataDir);
  const template = fresh ? readTemplate(migrationsFolder) : undefined;
  const client = new PGlite(options.dataDir, template ? { loadDataDir: template } : {});
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  if (fresh && !template) await writeTemplate(client, migrationsFolder);
  // One process owns an embedded database: there is nobody to take turns with.
  return { db, kind: 'pglite', exclusive: (fn) => fn(), close: () => client.close() };
}
