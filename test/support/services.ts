// External services for tests: used when their URL is set, skipped with a printed reason when not,
// and a failure (not a skip) under CI=true, where they must be there.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ServiceVar = 'DATABASE_URL' | 'REDIS_URL';

export function serviceUrl(name: ServiceVar, what: string): string | undefined {
  const url = process.env[name];
  if (url) return url;
  if (process.env.CI === 'true') throw new Error(`${name} is not set: under CI=true ${what} must run`);
  console.warn(`skipping ${what}: ${name} is not set`);
  return undefined;
}

/** A database of its own for one test file, dropped afterwards. */
export async function freshPostgres(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  };
}
