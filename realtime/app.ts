// createApplication: everything arrives as one object (database, clock, logger, settings), so tests run
// a real server on port 0 against an in-memory database.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import express, { type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { deleteExpiredSessions, listCities, listRegions, type Database } from '../db';
import type { Clock } from '../dispatcher/clock';
import { TECHNICIAN_STATUSES } from '../dispatcher/fleet/status';
import { basemap } from '../geo/basemap';
import { CityIndex } from '../geo/city-index';
import { sessionRoom } from './auth/scope';
import { createSessionService } from './auth/sessions';
import { Bus } from './bus';
import { readConfig } from './config';
import { authRoutes } from './http/auth-routes';
import { errorHandler, HttpError } from './http/errors';
import { authenticate } from './http/middleware';
import { depotRoutes } from './http/depot-routes';
import { insightRoutes } from './http/insight-routes';
import { notificationRoutes } from './http/notification-routes';
import { placeRoutes } from './http/place-routes';
import { regionPolicyRoutes } from './http/region-policy-routes';
import { technicianRoutes } from './http/technician-routes';
import { pricingRoutes } from './http/pricing-routes';
import { financeRoutes } from './http/finance-routes';
import { settlementRoutes } from './http/settlement-routes';
import { slaRoutes } from './http/sla-routes';
import { workOrderRoutes } from './http/work-order-routes';
import { createMetrics } from './metrics';
import type { OutboxWorker } from './notify/outbox';
import type { NotificationService } from './notify/service';
import { createNotifications, type NotifySettings } from './notify/setup';
import { AssignmentService } from './services/assignments';
import { DispatchService } from './services/dispatch';
import { WorkflowService } from './services/workflow';
import { hardRuleCheck, partsPlanner } from './services/dispatch-inputs';
import { DispatchPolicyService } from './services/dispatch-policy';
import { slaRiskLayer } from './services/insights/sla-risk-layer';
import { demandLayer } from './services/insights/demand-layer';
import { HeatmapService } from './services/insights/heatmap';
import { ProfitService } from './services/insights/profit';
import { revenueLayer } from './services/insights/revenue-layer';
import { TransferService } from './services/transfers';
import { Fleet } from './services/fleet';
import { POLICY_REFRESH_MS, RegionPolicies } from './services/region-policies';
import { StatsService } from './services/stats';
import { WorkOrderService } from './services/work-orders';
import { PriceTableService } from './pricing/price-table-service';
import { SettlementEngine } from './settlement/engine';
import { FinanceService } from './settlement/finance-service';
import { PricingBook } from './settlement/pricing-book';
import { SettlementService } from './settlement/settlement-service';
import { SettlementTermsService } from './settlement/terms-service';
import { SlaEngine } from './sla/engine';
import { SlaService } from './sla/sla-service';
import { SETTINGS_REFRESH_MS, SlaSettings } from './sla/settings';
import { SlaSettingsService } from './sla/settings-service';
import { regionIndexOf } from './services/region-lookup';
import { startProjector } from './socket/projector';
import { attachSockets, type IoServer } from './socket/server';

export interface AppDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  redisUrl?: string;
  /** Channel prefix on Redis, so separate deployments (or test runs) on one Redis stay apart. */
  redisKey?: string;
  tileUrl?: string | null;
  secureCookies?: boolean;
  /** Run auto-dispatch on arrivals, freed technicians and a periodic sweep (default on). */
  autoDispatch?: boolean;
  /** Served after the API: the built console (SvelteKit's adapter-node handler). */
  consoleHandler?: RequestHandler;
  /** Notification channels and outbox; absent: those of an empty environment (in-app only). */
  notify?: NotifySettings;
}

export interface Application {
  http: HttpServer;
  io: IoServer;
  fleet: Fleet;
  orders: WorkOrderService;
  dispatch: DispatchService;
  workflow: WorkflowService;
  bus: Bus;
  /** The SLA clocks and their durable timers; `sla.tick()` fires what is due on the injected clock. */
  sla: SlaEngine;
  /** Settlements kept in step with their orders; the demo records its history through it. */
  settlement: SettlementEngine;
  notifications: NotificationService;
  outbox: OutboxWorker;
  /** Send pending position changes now instead of at the next frame tick. */
  flushFrame(): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export async function createApplication(deps: AppDeps): Promise<Application> {
  const { db, clock, log } = deps;
  const [regionRows, cityRows, fleet] = await Promise.all([
    listRegions(db),
    listCities(db),
    Fleet.load(db, clock)
  ]);
  const allRegionIds = regionRows.map((r) => r.id);
  const regionIndex = regionIndexOf(regionRows);
  const bus = new Bus();
  const policies = new RegionPolicies(regionRows);
  const sessions = createSessionService(db, clock);
  const app = express();
  const http = createServer(app);
  const io: IoServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // The cookie would ride along from any page; only our own pages (or clients without a page) may connect.
    allowRequest: (req, callback) => callback(null, sameOrigin(req.headers.origin, req.headers.host))
  });
  const notify = createNotifications(deps.notify ?? readConfig({}).notify, {
    db,
    io,
    clock,
    log,
    allRegionIds
  });
  const slaSettings = await SlaSettings.load(db);
  const sla = new SlaEngine({ db, clock, log, bus, settings: slaSettings, notifications: notify.service });
  const book = await PricingBook.load(db);
  const settlement = new SettlementEngine({ book, bus });
  const cityIndex = new CityIndex(cityRows);
  const orders = new WorkOrderService(db, regionIndex, cityIndex, allRegionIds, bus, clock, sla);
  const assignments = new AssignmentService(
    db,
    fleet,
    allRegionIds,
    bus,
    clock,
    hardRuleCheck(db, policies, clock),
    partsPlanner(db, policies),
    sla,
    settlement
  );
  const workflow = new WorkflowService(db, allRegionIds, bus, clock, sla, settlement);
  const dispatch = new DispatchService(
    db,
    fleet,
    policies,
    allRegionIds,
    bus,
    workflow,
    clock,
    log,
    sla,
    settlement
  );
  if (deps.autoDispatch ?? true) {
    bus.on('order:created', () => dispatch.requestSweep());
    // Back in the queue (declined, expired, unassigned, reopened): the next candidate is asked at once.
    bus.on('order:updated', (order) => {
      if (order.status === 'created') dispatch.requestSweep();
    });
    fleet.onStatusChange((tech) => {
      if (tech.status === 'idle') dispatch.requestSweep();
    });
    dispatch.start();
  }
  const stats = new StatsService(db, fleet, clock);
  await stats.refresh();
  const metrics = createMetrics();
  bus.on('order:created', () => metrics.ordersCreated.inc());

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
      // Headers carry session tokens: the log keeps what was asked and how it ended, nothing else.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode })
      }
    })
  );
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.get('/metrics', async (_req, res) => {
    const counts = fleet.counts(allRegionIds);
    for (const s of TECHNICIAN_STATUSES) metrics.technicians.set({ status: s }, counts[s]);
    metrics.sockets.set(io.of('/').sockets.size);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const api = express.Router();
  api.use(
    authRoutes(sessions, deps.secureCookies ?? false, (sessionId) =>
      io.in(sessionRoom(sessionId)).disconnectSockets(true)
    )
  );
  api.use(authenticate(sessions));
  api.use(
    placeRoutes({ regions: regionRows, cities: cityRows, basemap: basemap(), tileUrl: deps.tileUrl ?? null })
  );
  api.use(technicianRoutes(fleet, allRegionIds));
  api.use(depotRoutes(db, clock, allRegionIds));
  api.use(regionPolicyRoutes(new DispatchPolicyService(db, policies)));
  api.use(notificationRoutes(db, clock));
  const slaService = new SlaService(db, sla, slaSettings, clock, allRegionIds);
  api.use(slaRoutes(slaService, new SlaSettingsService(db, slaSettings)));
  const settlements = new SettlementService(db, settlement, clock, allRegionIds);
  api.use(settlementRoutes(settlements));
  api.use(pricingRoutes(new PriceTableService(db, book, clock, allRegionIds)));
  api.use(
    financeRoutes({
      db,
      allRegionIds,
      finance: new FinanceService(db, allRegionIds),
      settlements,
      terms: new SettlementTermsService(db, book, clock)
    })
  );
  api.use(
    insightRoutes(
      new HeatmapService({
        db,
        fleet,
        clock,
        cities: cityRows,
        allRegionIds,
        layers: {
          demand: demandLayer(db),
          sla_risk: slaRiskLayer(db, slaSettings, clock),
          revenue: revenueLayer(db)
        }
      }),
      new ProfitService({ db, clock, allRegionIds })
    )
  );
  api.use(
    workOrderRoutes(
      orders,
      assignments,
      dispatch,
      workflow,
      new TransferService(db, allRegionIds, bus, clock, settlement),
      db,
      slaService,
      settlements
    )
  );
  api.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'no such endpoint')));
  app.use('/api', api);
  if (deps.consoleHandler) app.use(deps.consoleHandler);
  app.use(errorHandler(log));

  const redisClients = deps.redisUrl ? await connectRedisAdapter(io, log, deps.redisUrl, deps.redisKey) : [];
  attachSockets(io, { sessions, fleet, stats, clock, allRegionIds });
  const projector = startProjector(io, { fleet, stats, bus, clock, log });
  notify.worker.start();
  await sla.start();
  const storeTimer = setInterval(
    () =>
      void fleet
        .storePendingLocations()
        .catch((err: unknown) => log.warn({ err }, 'storing positions failed')),
    5000
  );
  const sessionSweep = setInterval(
    () =>
      void deleteExpiredSessions(db, clock.now()).catch((err: unknown) =>
        log.warn({ err }, 'removing expired sessions failed')
      ),
    10 * 60_000
  );
  const slaRefresh = setInterval(
    () =>
      void slaSettings.refresh(db).catch((err: unknown) => log.warn({ err }, 'reading SLA settings failed')),
    SETTINGS_REFRESH_MS
  );
  const policyRefresh = setInterval(
    () =>
      void policies
        .refresh(db)
        .catch((err: unknown) => log.warn({ err }, 'reading dispatch policies failed')),
    POLICY_REFRESH_MS
  );

  return {
    http,
    io,
    fleet,
    orders,
    dispatch,
    workflow,
    bus,
    sla,
    settlement,
    notifications: notify.service,
    outbox: notify.worker,
    flushFrame: projector.flushFrame,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve(http.address() as AddressInfo));
      }),
    async close() {
      projector.stop();
      await dispatch.stop();
      await sla.stop();
      await notify.worker.stop();
      clearInterval(storeTimer);
      clearInterval(sessionSweep);
      clearInterval(policyRefresh);
      clearInterval(slaRefresh);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await fleet.storePendingLocations();
      await Promise.all(redisClients.map((c) => c.quit()));
    }
  };
}

export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

// The pub/sub adapter: frames are ephemeral and a reconnecting client resyncs from a snapshot, so the
// streams adapter's replay buys nothing here, while pub/sub keeps Redis free of stored frames.
async function connectRedisAdapter(io: IoServer, log: Logger, url: string, key = 'socket.io') {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // The client reconnects by itself; an unhandled 'error' would end the process instead.
  for (const c of [pub, sub]) c.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key }));
  return [pub, sub];
}
