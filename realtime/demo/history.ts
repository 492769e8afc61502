// The demo's month of history, planned: the orders its fleet completed before the demo started, so the
// profit, finance and revenue views have something to show from the first minute. Cities by population,
// hours of the day as people call (few at night), the demo catalogue's services, done by the nearest
// technicians who can do them (across a region's border where that is who is nearest: the thin west
// borrows from its neighbours), acceptance a few hours to two days after completion, weekly payment
// runs, and now and then a founded complaint. Pure and deterministic; prices come later, from the rules.
import type { DomainEventInput, HeldPart, NewWorkOrderWithCustomer } from '../../db';
import { yuan } from '../../dispatcher/pricing/money';
import type { PastTimeline, PayRun } from '../../dispatcher/settlement/past';
import { DAY, HOUR, MINUTE } from '../../dispatcher/sla/time';
import { intake, ORDER_CHANNELS, type OrderPriority } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPES, type ServiceTypeId } from '../../dispatcher/work-order/service-types';
import { CITIES, type City, type RegionId } from '../../geo/cities';
import { COMPLAINT_DEDUCTIONS, ORDER_REQUESTS, PART_CATEGORY_OF, personName } from './catalog';
import { Random } from './random';

export const DEMO_HISTORY_DAYS = 30;
/** Completed orders a day across the country, before the weekend's extra. */
const ORDERS_PER_DAY = 240;

/** Calls per hour of the day, Beijing time: few at night, a morning peak and an evening one. */
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 11, 10, 10, 11, 10, 8, 6, 4, 3];
const BEIJING = 8 * HOUR;

/**
 * Jobs a region's own fleet cannot cover, sent to the nearest qualified technicians of its neighbours:
 * the thinly staffed north-west and south-west (distances of hundreds of kilometres) borrow most.
 */
const BORROWED: Record<RegionId, number> = {
  north: 0.02,
  northeast: 0.02,
  east: 0,
  central: 0.02,
  south: 0,
  southwest: 0.15,
  northwest: 0.3
};

/**
 * Customers who complain and are found right, per region: the north-east's winter installations draw the
 * most (frozen lines, late visits in the snow). The deduction itself is the company's fixed one.
 */
const COMPLAINT_RATE: Record<RegionId, number> = {
  north: 0.015,
  northeast: 0.12,
  east: 0.01,
  central: 0.015,
  south: 0.015,
  southwest: 0.02,
  northwest: 0.02
};

export interface HistoryTechnician {
  id: string;
  regionId: string;
  lng: number;
  lat: number;
  skills: readonly string[];
}

export interface HistoryPart {
  sku: string;
  name: string;
  category: string;
  unitCostFen: number;
}

type TimedEvent = Omit<DomainEventInput, 'aggregateId' | 'at'> & { at: Date };

export interface PlannedOrder {
  row: NewWorkOrderWithCustomer;
  parts: HeldPart[];
  dispatchedAt: Date;
  timeline: PastTimeline;
  /** Without the order's id, which the database gives. */
  events: TimedEvent[];
}

export interface HistoryPlan {
  orders: PlannedOrder[];
  payRuns: PayRun[];
}

const ACTOR = 'system:demo';

/** How many of the nearest qualified technicians share a city's jobs of one kind. */
const NEAREST = 12;

/**
 * The qualified technicians nearest each city, nearest first: who gets its jobs of that kind; `outside`
 * only those of other regions (the neighbours a thin region borrows from).
 */
function nearestQualified(technicians: readonly HistoryTechnician[]) {
  const byDistance = new Map<string, readonly HistoryTechnician[]>();
  const cache = new Map<string, HistoryTechnician[]>();
  return (city: City, serviceType: ServiceTypeId, outside: boolean): HistoryTechnician[] => {
    const key = `${city.id} ${serviceType} ${outside}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let sorted = byDistance.get(city.id);
    if (!sorted) {
      const cosLat = Math.cos((city.lat * Math.PI) / 180);
      const d2 = (t: HistoryTechnician) => ((t.lng - city.lng) * cosLat) ** 2 + (t.lat - city.lat) ** 2;
      sorted = technicians
        .map((t) => ({ t, d: d2(t) }))
        .sort((a, b) => a.d - b.d)
        .map((x) => x.t);
      byDistance.set(city.id, sorted);
    }
    const needs: readonly string[] = SERVICE_TYPES[serviceType].skills;
    const list: HistoryTechnician[] = [];
    for (const t of sorted) {
      if (list.length === NEAREST) break;
      if (outside && t.regionId === city.regionId) continue;
      if (needs.every((s) => t.skills.includes(s))) list.push(t);
    }
    cache.set(key, list);
    return list;
  };
}

/** Monday 10:00 Beijing time each week in (from, to): finance's payment runs. */
function weeklyPayRuns(from: number, to: number): PayRun[] {
  const runs: PayRun[] = [];
  // 1970-01-05 was a Monday.
  const monday = 4 * DAY;
  let at = Math.floor((from + BEIJING - monday) / (7 * DAY)) * 7 * DAY + monday - BEIJING + 10 * HOUR;
  for (; at < to; at += 7 * DAY) {
    if (at <= from) continue;
    const day = new Date(at + BEIJING).toISOString().slice(0, 10).replaceAll('-', '');
    runs.push({ reference: `PAY-${day}`, at });
  }
  return runs;
}

const status = (type: string, at: number, before: string, after: string, reason: string): TimedEvent => ({
  type,
  aggregateType: 'work_order',
  actor: ACTOR,
  payload: { before: { status: before }, after: { status: after }, reason },
  at: new Date(at)
});

export function planHistory(
  technicians: readonly HistoryTechnician[],
  parts: readonly HistoryPart[],
  now: Date,
  days: number,
  random = new Random(30_2026)
): HistoryPlan {
  const end = now.getTime();
  const start = end - days * DAY;
  const cityWeights = CITIES.map((c) => c.population);
  const nearest = nearestQualified(technicians);
  const partsOf = new Map<string, HistoryPart[]>();
  for (const p of parts) partsOf.set(p.category, [...(partsOf.get(p.category) ?? []), p]);
  const orders: PlannedOrder[] = [];
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY;
    const weekday = new Date(dayStart + BEIJING).getUTCDay();
    const count = Math.round(ORDERS_PER_DAY * (weekday === 0 || weekday === 6 ? 1.2 : 1));
    for (let n = 0; n < count; n++) {
      // An hour of the Beijing day, then a minute in it.
      const createdAt =
        Math.floor((dayStart + BEIJING) / DAY) * DAY -
        BEIJING +
        random.weighted(HOUR_WEIGHTS) * HOUR +
        random.int(0, 59) * MINUTE;
      const planned = planOrder(random, createdAt, end, {
        city: CITIES[random.weighted(cityWeights)] ?? CITIES[0],
        nearest,
        partsOf
      });
      if (planned && createdAt >= start) orders.push(planned);
    }
  }
  orders.sort((a, b) => a.dispatchedAt.getTime() - b.dispatchedAt.getTime());
  return { orders, payRuns: weeklyPayRuns(start, end) };
}

function planOrder(
  random: Random,
  createdAt: number,
  now: number,
  ctx: {
    city: City | undefined;
    nearest: ReturnType<typeof nearestQualified>;
    partsOf: ReadonlyMap<string, HistoryPart[]>;
  }
): PlannedOrder | undefined {
  const { city } = ctx;
  if (!city) return undefined;
  const request = random.pick(ORDER_REQUESTS);
  const candidates = ctx.nearest(city, request.serviceType, random.next() < BORROWED[city.regionId]);
  // The nearest are asked first: the first of them gets the job most often.
  const tech = candidates[random.weighted(candidates.map((_, i) => 1 / (i + 1)))];
  const dispatchedAt = createdAt + random.int(3, 25) * MINUTE;
  const completedAt = dispatchedAt + random.int(20, 90) * MINUTE + random.int(40, 180) * MINUTE;
  if (!tech || completedAt >= now) return undefined;
  const acceptedAt = completedAt + random.int(2 * 60, 48 * 60) * MINUTE;
  const accepted = acceptedAt < now;
  const r = random.next();
  const priority: OrderPriority = r < 0.02 ? 'critical' : r < 0.14 ? 'high' : r < 0.2 ? 'low' : 'normal';
  const channel = random.pick(ORDER_CHANNELS);
  const category = PART_CATEGORY_OF[request.serviceType];
  const shelf = category ? (ctx.partsOf.get(category) ?? []) : [];
  const used = shelf.length > 0 && random.next() < 0.35 ? random.sample(shelf, random.int(1, 2)) : [];
  const at = random.near(city, 10);
  const regionId = city.regionId;
  const complaint = random.next() < COMPLAINT_RATE[regionId] ? random.pick(COMPLAINT_DEDUCTIONS) : undefined;
  const created = intake({ channel, priority, regionId }, ACTOR).event;
  const pickChar = (s: string) => s[random.int(0, s.length - 1)] ?? '';
  return {
    row: {
      customer: {
        name: personName(pickChar, random.next() < 0.6),
        phone: `1${random.int(30, 99)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        address: `${city.name}市${random.int(1, 999)}号`,
        ...at,
        createdAt: new Date(createdAt)
      },
      order: {
        channel,
        priority,
        status: accepted ? 'closed' : 'completed',
        regionId,
        cityId: city.id,
        ...at,
        serviceType: request.serviceType,
        description: request.description,
        fields: {},
        parts: used.map((p) => ({ sku: p.sku, qty: 1 })),
        assignedTechnicianId: tech.id,
        createdAt: new Date(createdAt),
        updatedAt: new Date(accepted ? acceptedAt : completedAt)
      }
    },
    parts: used.map((p) => ({ sku: p.sku, name: p.name, qty: 1, unitCostFen: p.unitCostFen })),
    dispatchedAt: new Date(dispatchedAt),
    timeline: {
      completedAt,
      acceptedAt: accepted ? acceptedAt : null,
      deduction: complaint
        ? {
            id: 'complaint',
            kind: 'deduction',
            payee: 'technician',
            amount: yuan(complaint.yuan),
            reason: complaint.reason,
            milestone: 'accepted'
          }
        : null
    },
    // Light: how it came in and how it ended (the settlement adds its freeze and payments).
    events: [
      { ...created, at: new Date(createdAt) },
      accepted
        ? status('order.close', acceptedAt, 'customer_accepted', 'closed', 'accepted by the customer')
        : status('order.complete', completedAt, 'on_site', 'completed', 'job done')
    ]
  };
}
