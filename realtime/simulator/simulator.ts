// The demo fleet and demand. It acts only through the services real clients use: position reports go
// through Fleet.report (as a phone's do), status changes through Fleet.setStatus, orders through
// WorkOrderService.create; it never writes to the database itself.
import type { Logger } from 'pino';
import type { Clock } from '../../dispatcher/clock';
import { CITIES } from '../../geo/cities';
import { ORDER_CHANNELS, ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { ORDER_REQUESTS, PART_CATALOG, personName, RED_ALERT_REQUESTS } from '../demo/catalog';
import { Random } from '../demo/random';
import type { Fleet } from '../services/fleet';
import type { Bus } from '../bus';
import type { OrderSummary } from '../events';
import type { WorkflowService } from '../services/workflow';
import type { WorkOrderService } from '../services/work-orders';
import { step, type SimTech } from './motion';
import { ShiftKeeper } from './shifts';

export interface SimulatorOptions {
  fleet: Fleet;
  orders: WorkOrderService;
  workflow: WorkflowService;
  bus: Bus;
  clock: Clock;
  log: Logger;
  /** Simulated seconds per real second: the demo fleet moves as a time-lapse. */
  speed: number;
  ordersPerMinute: number;
  tickMs?: number;
  seed?: number;
}

const CHANNEL_WEIGHTS = [0.3, 0.25, 0.15, 0.2, 0.1];
const PRIORITY_WEIGHTS = [0.2, 0.55, 0.2, 0.05];
/** How simulated technicians answer an offer: most take it, some decline, a few never answer. */
const ACCEPT_SHARE = 0.8;
const DECLINE_SHARE = 0.12;
/** Share of new orders that name a danger (gas, live wires, food safety): red alerts on the SLA board. */
const RED_ALERT_SHARE = 0.03;
/**
 * Share of jobs a technician accepts and then leaves alone: the arrival clock runs out and the escalation
 * ladder climbs on the wall, level by level, until a supervisor steps in.
 */
const NEGLECT_SHARE = 0.04;

export class Simulator {
  readonly #random: Random;
  readonly #techs: SimTech[];
  readonly #byId: Map<string, SimTech>;
  readonly #shifts: ShiftKeeper;
  /** Orders dispatched to simulated technicians, waiting for them to be free. */
  readonly #jobs: OrderSummary[] = [];
  /** Offers made to simulated technicians, answered on the next tick. */
  readonly #offers: OrderSummary[] = [];
  #offAssigned: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(private readonly o: SimulatorOptions) {
    this.#random = new Random(o.seed ?? 7);
    const homes = new Map(CITIES.map((c) => [c.id, { lng: c.lng, lat: c.lat }]));
    this.#techs = o.fleet.inRegions(CITIES.map((c) => c.regionId)).map((t) => ({
      id: t.id,
      home: homes.get(t.cityId) ?? t.location,
      location: t.location,
      status: t.status,
      target: t.location,
      speedKmh: 30,
      waitS: this.#random.int(10, 60) * 60
    }));
    this.#byId = new Map(this.#techs.map((t) => [t.id, t]));
    this.#shifts = new ShiftKeeper(o.fleet, o.clock);
  }

  start(): void {
    this.#offAssigned = this.o.bus.on('order:updated', (order) => {
      if (!order.technicianId || !this.#byId.has(order.technicianId)) return;
      if (order.status === 'assigned') this.#jobs.push(order);
      if (order.status === 'offered') this.#offers.push(order);
    });
    const tickMs = this.o.tickMs ?? 1000;
    this.#timer = setInterval(() => {
      // A slow database must not stack ticks on top of each other.
      if (this.#running) return;
      this.#running = this.tick(tickMs / 1000)
        .catch((err: unknown) => this.o.log.warn({ err }, 'simulator tick failed'))
        .finally(() => (this.#running = undefined));
    }, tickMs);
  }

  /** Stops ticking and waits for a tick under way, so the database is not closed beneath it. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#offAssigned?.();
    await this.#running;
  }

  async tick(realSeconds: number): Promise<void> {
    const dtS = realSeconds * this.o.speed;
    await this.#answerOffers();
    await this.#startJobs();
    for (const t of this.#techs) {
      if (await this.#shifts.keep(t)) continue;
      const change = step(t, dtS, this.#random);
      if (change.location) this.o.fleet.report(t.id, change.location);
      if (change.status) {
        t.status = change.status;
        await this.o.fleet.setStatus(t.id, change.status, 'system:simulator', 'simulated');
        if (t.job) await this.#advanceJob(t, change.status);
      }
    }
    const expected = (this.o.ordersPerMinute * realSeconds) / 60;
    let arrivals = Math.floor(expected) + (this.#random.next() < expected % 1 ? 1 : 0);
    while (arrivals-- > 0) await this.#newOrder();
  }

  /** Taken offers join the technician's jobs; declined ones go back to the dispatcher; the rest lapse. */
  async #answerOffers(): Promise<void> {
    for (const order of this.#offers.splice(0)) {
      const roll = this.#random.next();
      if (roll < ACCEPT_SHARE) {
        // The offer's version: if a supervisor gave the order to someone else meanwhile, this is refused.
        if (await this.#act(order.id, 'accept', order.version))
          this.#jobs.push({ ...order, status: 'accepted', version: order.version + 1 });
      } else if (roll < ACCEPT_SHARE + DECLINE_SHARE) {
        await this.#act(order.id, 'decline', order.version);
      }
    }
  }

  /** A free technician with a dispatched order accepts it and sets off, as a phone user would. */
  async #startJobs(): Promise<void> {
    for (let i = 0; i < this.#jobs.length; i++) {
      const order = this.#jobs[i];
      const t = order?.technicianId ? this.#byId.get(order.technicianId) : undefined;
      if (!order || !t || t.job || t.status === 'busy') continue;
      this.#jobs.splice(i--, 1);
      const accepted = order.status === 'accepted' || (await this.#act(order.id, 'accept'));
      if (!accepted || this.#random.next() < NEGLECT_SHARE) continue;
      if (!(await this.#act(order.id, 'depart'))) continue;
      t.job = order.id;
      t.target = order.location;
      t.speedKmh = this.#random.int(35, 60);
      t.status = 'en_route';
      await this.o.fleet.setStatus(t.id, 'en_route', 'system:simulator', `on the way to order ${order.id}`);
    }
  }

  async #advanceJob(t: SimTech, status: string): Promise<void> {
    const job = t.job;
    if (!job) return;
    if (status === 'busy') {
      if (!(await this.#act(job, 'arrive'))) t.job = undefined;
      return;
    }
    if (status === 'idle') {
      t.job = undefined;
      for (const action of ['complete', 'confirm', 'close'] as const)
        if (!(await this.#act(job, action))) break;
      return;
    }
    // Signed off mid-job: the order goes back to the queue for someone else.
    t.job = undefined;
  }

  async #act(
    orderId: string,
    action: 'accept' | 'decline' | 'depart' | 'arrive' | 'complete' | 'confirm' | 'close',
    expectedVersion?: number
  ) {
    try {
      await this.o.workflow.act(
        { kind: 'system', name: 'simulator' },
        orderId,
        action,
        'simulated technician',
        expectedVersion
      );
      return true;
    } catch (err) {
      // A supervisor may have reassigned or cancelled it meanwhile: this technician lets it go.
      this.o.log.debug({ err, orderId, action }, 'simulated step refused');
      return false;
    }
  }

  async #newOrder(): Promise<void> {
    const r = this.#random;
    const city = CITIES[r.weighted(CITIES.map((c) => c.population))];
    if (!city) return;
    const location = r.near(city, 15);
    const parts = r.next() < 0.5 ? [{ sku: r.pick(PART_CATALOG).sku, qty: r.int(1, 2) }] : [];
    const pickChar = (s: string) => s[r.int(0, s.length - 1)] ?? '';
    const request = r.pick(r.next() < RED_ALERT_SHARE ? RED_ALERT_REQUESTS : ORDER_REQUESTS);
    try {
      await this.o.orders.create(
        { kind: 'system', name: 'simulator' },
        {
          channel: ORDER_CHANNELS[r.weighted(CHANNEL_WEIGHTS)] ?? 'workbench',
          priority: ORDER_PRIORITIES[r.weighted(PRIORITY_WEIGHTS)] ?? 'normal',
          serviceType: request.serviceType,
          description: request.description,
          customer: {
            name: personName(pickChar, r.next() < 0.6),
            phone: `1${r.int(3, 9)}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
            address: `${city.name}市第${r.int(1, 30)}街${r.int(1, 300)}号`,
            location
          },
          parts,
          fields: {}
        }
      );
    } catch (err) {
      // A point by the coast can fall in the sea: that order is simply not placed.
      this.o.log.debug({ err }, 'simulated order refused');
    }
  }
}
