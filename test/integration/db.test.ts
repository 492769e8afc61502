import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername, openDatabase, schema, type DatabaseHandle } from '../../db';
import { ensureAdmin } from '../../realtime/auth/bootstrap';
import { verifyPassword } from '../../realtime/auth/passwords';
import { backends } from '../support/backends';
import { seedDemo, seedReference } from '../../realtime/demo/seed';

describe.each(backends('the database tests'))('the demo company on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seedReference(handle.db);
    await seedDemo(handle.db);
  });
  afterAll(() => cleanup());

  it('seeds the regions, cities, depots, parts and technicians the demo promises', async () => {
    const { db } = handle;
    expect(await db.$count(schema.regions)).toBe(7);
    expect(await db.$count(schema.cities)).toBeGreaterThanOrEqual(60);
    expect(await db.$count(schema.depots)).toBeGreaterThanOrEqual(40);
    expect(await db.$count(schema.parts)).toBeGreaterThanOrEqual(200);
    expect(await db.$count(schema.technicians)).toBeGreaterThanOrEqual(2000);
    expect(await db.$count(schema.users)).toBeGreaterThan(2000);
  });

  it('seeds only once', async () => {
    expect(await seedReference(handle.db)).toBe(false);
    expect(await seedDemo(handle.db)).toBe(false);
  });

  it('creates the first administrator once and never overwrites an existing user', async () => {
    const admin = { username: 'ops.admin', password: 'first passphrase' };
    expect(await ensureAdmin(handle.db, admin)).toBe(true);
    expect(await ensureAdmin(handle.db, { ...admin, password: 'changed in the settings' })).toBe(false);
    const stored = await findUserByUsername(handle.db, 'ops.admin');
    expect(stored?.role).toBe('admin');
    expect(await verifyPassword(stored?.passwordHash ?? '', 'first passphrase')).toBe(true);
    expect(await ensureAdmin(handle.db, { username: 'dispatch.east', password: 'takeover attempt' })).toBe(
      false
    );
    expect((await findUserByUsername(handle.db, 'dispatch.east'))?.role).toBe('dispatcher');
  });

  it('never lets depot stock go negative or reserve more than is on hand', async () => {
    const update = (set: ReturnType<typeof sql>) =>
      handle.db.execute(
        sql`update depot_stock set ${set} where (depot_id, sku) = (select depot_id, sku from depot_stock limit 1)`
      );
    await expect(update(sql`on_hand = -1`)).rejects.toThrow();
    await expect(update(sql`reserved = on_hand + 1`)).rejects.toThrow();
  });
});

describe('the embedded database across a restart', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-restart-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the data in DATA_DIR when the process starts again', async () => {
    const first = await openDatabase({ dataDir: dir });
    await seedReference(first.db);
    await seedDemo(first.db, 50);
    const users = await first.db.$count(schema.users);
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    expect(await seedDemo(second.db, 50)).toBe(false);
    expect(await second.db.$count(schema.users)).toBe(users);
    await second.close();
  });
});
