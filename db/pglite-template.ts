// PGlite's first start runs initdb inside WebAssembly: 5–10 s on two cores, against under 1 s to unpack
// a dump of an initialised, migrated cluster. So the first fresh database of a given schema is dumped
// here, and every later fresh one (a new DATA_DIR, each in-memory test database) starts from it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const cacheDir = join(modules, '.cache/dispatch-console');

/** Changes whenever a migration or the PGlite version does, so a stale template is never used. */
function templatePath(migrationsFolder: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(modules, '@electric-sql/pglite/package.json')));
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  return join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

export function readTemplate(migrationsFolder: string): Blob | undefined {
  const path = templatePath(migrationsFolder);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

export async function writeTemplate(client: PGlite, migrationsFolder: string): Promise<void> {
  const path = templatePath(migrationsFolder);
  const dump = await client.dumpDataDir('gzip');
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename: a parallel reader sees the whole file or none.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
}

export const isInitialised = (dataDir: string | undefined): boolean =>
  dataDir !== undefined && existsSync(join(dataDir, 'PG_VERSION'));
