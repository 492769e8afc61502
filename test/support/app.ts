// A real server on port 0 over an in-memory (or fresh Postgres) database with a small demo company.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { openDatabase, type DatabaseHandle } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { createApplication, type Application } from '../../realtime/app';
import type { NotifySettings } from '../../realtime/notify/setup';
import { DEMO_PASSWORD, seedDemo, seedReference } from '../../realtime/demo/seed';

export const TEST_TECHNICIANS = 300;
/** The test servers' clock unless told otherwise: a morning in Beijing, when the demo's day shifts work,
 * so that no result depends on the hour at which the suite runs. */
export const TEST_NOW = new Date('2026-11-23T10:00:00+08:00');

export async function seededDatabase(url?: string): Promise<DatabaseHandle> {
  return seed(await openDatabase({ url }));
}

export async function seed(handle: DatabaseHandle): Promise<DatabaseHandle> {
  await seedReference(handle.db);
  await seedDemo(handle.db, TEST_TECHNICIANS);
  return handle;
}

export interface TestServer {
  app: Application;
  base: string;
  close(): Promise<void>;
}

export async function startServer(
  handle: DatabaseHandle,
  opts: {
    redisUrl?: string;
    redisKey?: string;
    clock?: Clock;
    autoDispatch?: boolean;
    notify?: NotifySettings;
  } = {}
): Promise<TestServer> {
  const app = await createApplication({
    db: handle.db,
    clock: opts.clock ?? { now: () => TEST_NOW },
    log: pino({ level: 'silent' }),
    redisUrl: opts.redisUrl,
    redisKey: opts.redisKey,
    autoDispatch: opts.autoDispatch ?? false,
    notify: opts.notify
  });
  const address: AddressInfo = await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Signs in and returns the session cookie to send back. */
export async function login(base: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password })
  });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}
