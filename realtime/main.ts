// `npm run serve` (and `npm start`): one process serving the API, Socket.IO and the built console.
import { existsSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { openDatabase } from '../db';
import { systemClock } from '../dispatcher/clock';
import { createApplication } from './app';
import { ensureAdmin } from './auth/bootstrap';
import { readConfig } from './config';
import { seedHistory } from './demo/history-seed';
import { seedDemo, seedReference } from './demo/seed';
import { seedSlaBacklog } from './demo/sla-backlog';
import { createLogger } from './logger';
import { Simulator } from './simulator/simulator';

const config = readConfig(process.env);
const log = createLogger(config.logLevel);
const started = Date.now();

const handle = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  onError: (err) => log.warn({ err }, 'database connection error')
});
log.info({ kind: handle.kind, ms: Date.now() - started }, 'database ready');
const demoSeeded = await handle.exclusive(async () => {
  if (await seedReference(handle.db)) log.info('service regions and cities seeded');
  const seeded = config.demo && (await seedDemo(handle.db, config.demoTechnicians));
  if (seeded) log.info({ ms: Date.now() - started }, 'demo data seeded');
  if (config.admin && (await ensureAdmin(handle.db, config.admin)))
    log.info({ username: config.admin.username }, 'administrator created');
  return seeded;
});

const consolePath = new URL('../build/handler.js', import.meta.url);
let consoleHandler: RequestHandler | undefined;
if (existsSync(consolePath)) {
  consoleHandler = ((await import(consolePath.href)) as { handler: RequestHandler }).handler;
} else {
  log.warn('console not built: run `npm run build` (npm start does) to serve the pages');
}

const app = await createApplication({
  db: handle.db,
  clock: systemClock,
  log,
  redisUrl: config.redisUrl,
  tileUrl: config.tileUrl,
  secureCookies: config.secureCookies,
  consoleHandler,
  notify: config.notify
});
if (demoSeeded) {
  const historyStarted = Date.now();
  const orders = await seedHistory({
    db: handle.db,
    engine: app.settlement,
    clock: systemClock,
    days: config.demoHistoryDays
  });
  log.info(
    { orders, days: config.demoHistoryDays, ms: Date.now() - historyStarted },
    'demo history seeded: a month of completed orders'
  );
  const backlog = await seedSlaBacklog({
    db: handle.db,
    orders: app.orders,
    sla: app.sla,
    clock: systemClock
  });
  log.info({ orders: backlog.length }, 'demo backlog opened: escalations climb in the first minutes');
}
const address = await app.listen(config.port, config.host);
log.info({ url: `http://${address.address}:${address.port}`, ms: Date.now() - started }, 'listening');

const simulator = config.simulate
  ? new Simulator({
      fleet: app.fleet,
      orders: app.orders,
      workflow: app.workflow,
      bus: app.bus,
      clock: systemClock,
      log,
      speed: config.simSpeed,
      ordersPerMinute: config.simOrdersPerMinute
    })
  : undefined;
simulator?.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await simulator?.stop();
  await app.close();
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
