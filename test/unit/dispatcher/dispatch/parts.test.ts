import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../../geo/distance';
import {
  availableUnits,
  detourFor,
  detourLowerBound,
  mergeParts,
  planFor,
  planParts,
  preparePartsContext,
  transferEtaHours
} from '../../../../dispatcher/dispatch/parts';
import type { DepotStock } from '../../../../dispatcher/dispatch/types';
import * as arb from './arbitraries';

const customer = { lng: 121.47, lat: 31.23 };
/** A point `km` north (positive) or south of the customer. */
const north = (km: number) => ({ lng: customer.lng, lat: customer.lat + km / 111.195 });
const depot = (depotId: string, km: number, available: Record<string, number>): DepotStock => ({
  depotId,
  regionId: 'east',
  location: north(km),
  available
});
const order = (parts: { sku: string; qty: number }[]) => ({ location: customer, parts });

describe('planParts: examples', () => {
  it('needs no depot when the order has no parts', () => {
    const plan = planParts(order([]), north(10), [depot('d', 5, { A: 1 })], 200);
    expect(plan).toMatchObject({ status: 'not-needed', picks: [], route: [], detourKm: 0 });
  });

  it('takes everything from the depot nearest the technician and the customer that holds it all', () => {
    const depots = [
      depot('behind-tech', 60, { A: 5, B: 5 }),
      depot('on-the-way', 20, { A: 5, B: 5 }),
      depot('short', 10, { A: 5 })
    ];
    const plan = planParts(
      order([
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 1 }
      ]),
      north(40),
      depots,
      200
    );
    expect(plan.status).toBe('single-depot');
    expect(plan.picks).toEqual([
      { depotId: 'on-the-way', sku: 'A', qty: 2 },
      { depotId: 'on-the-way', sku: 'B', qty: 1 }
    ]);
    expect(plan.route).toEqual(['on-the-way']);
    // The depot lies on the way: no detour (up to rounding).
    expect(plan.detourKm).toBeCloseTo(0, 6);
  });

  it('splits across depots nearest-first when no single one holds everything', () => {
    const depots = [depot('near', 5, { A: 2 }), depot('far', 50, { A: 1, B: 1 })];
    const plan = planParts(
      order([
        { sku: 'A', qty: 3 },
        { sku: 'B', qty: 1 }
      ]),
      customer,
      depots,
      200
    );
    expect(plan.status).toBe('split');
    expect(plan.picks).toEqual([
      { depotId: 'near', sku: 'A', qty: 2 },
      { depotId: 'far', sku: 'A', qty: 1 },
      { depotId: 'far', sku: 'B', qty: 1 }
    ]);
    expect(plan.route).toEqual(['near', 'far']);
    expect(plan.routeKm).toBeCloseTo(100, 3);
  });

  it('proposes a transfer to the nearest depot within reach when none within reach has the parts', () => {
    const depots = [
      depot('local', 30, { A: 1 }),
      depot('hub', 900, { A: 10 }),
      depot('farther', 1500, { A: 10 })
    ];
    const plan = planParts(order([{ sku: 'A', qty: 4 }]), customer, depots, 200);
    expect(plan.status).toBe('transfer');
    expect(plan.picks).toEqual([{ depotId: 'local', sku: 'A', qty: 1 }]);
    const km = haversineKm(north(900), north(30));
    expect(plan.transfers).toEqual([
      { fromDepot: 'hub', toDepot: 'local', sku: 'A', qty: 3, distanceKm: km, etaHours: transferEtaHours(km) }
    ]);
    expect(plan.transfers[0]?.etaHours).toBeCloseTo((870 * 1.3) / 60 + 4, 0);
    expect(plan.missing).toEqual([]);
  });

  it('says what is missing when no depot has enough', () => {
    const plan = planParts(
      order([
        { sku: 'A', qty: 5 },
        { sku: 'Z', qty: 1 }
      ]),
      customer,
      [depot('d', 10, { A: 2 })],
      200
    );
    expect(plan.status).toBe('short');
    expect(plan.picks).toEqual([{ depotId: 'd', sku: 'A', qty: 2 }]);
    expect(plan.missing).toEqual([
      { sku: 'A', qty: 3 },
      { sku: 'Z', qty: 1 }
    ]);
    expect(planParts(order([{ sku: 'A', qty: 1 }]), customer, [], 200)).toMatchObject({
      status: 'short',
      missing: [{ sku: 'A', qty: 1 }]
    });
  });

  it('uses the depot nearest the customer when none is within reach', () => {
    const plan = planParts(
      order([{ sku: 'A', qty: 1 }]),
      customer,
      [depot('far', 500, { A: 1 }), depot('farther', 800, { A: 1 })],
      200
    );
    expect(plan).toMatchObject({ status: 'single-depot', route: ['far'] });
  });

  it('adds up repeated lines of one SKU and ignores lines of no whole unit', () => {
    expect(
      mergeParts([
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 0 },
        { sku: 'A', qty: 2.5 }
      ])
    ).toEqual([{ sku: 'A', qty: 3 }]);
    expect(availableUnits(depot('d', 0, { A: -3, B: 2.7 }), 'A')).toBe(0);
    expect(availableUnits(depot('d', 0, { A: -3, B: 2.7 }), 'B')).toBe(2);
  });
});

describe('planParts: properties', () => {
  const world = fc.record({
    parts: arb.partLines,
    customer: arb.location,
    technician: arb.location,
    depots: arb.depots,
    reachKm: fc.double({ min: 0, max: 400, noNaN: true })
  });

  it('never plans more than a depot has available and covers the order or says what is missing', () => {
    fc.assert(
      fc.property(world, ({ parts, customer: at, technician, depots, reachKm }) => {
        const plan = planParts({ location: at, parts }, technician, depots, reachKm);
        const taken = new Map<string, number>();
        const got = new Map<string, number>();
        const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
        for (const p of plan.picks) {
          expect(p.qty).toBeGreaterThan(0);
          add(taken, `${p.depotId}|${p.sku}`, p.qty);
          add(got, p.sku, p.qty);
        }
        for (const t of plan.transfers) {
          expect(t.qty).toBeGreaterThan(0);
          expect(t.fromDepot).not.toBe(t.toDepot);
          add(taken, `${t.fromDepot}|${t.sku}`, t.qty);
          add(got, t.sku, t.qty);
        }
        for (const [key, qty] of taken) {
          const [depotId, sku] = key.split('|') as [string, string];
          const d = depots.find((x) => x.depotId === depotId);
          expect(d).toBeDefined();
          if (d !== undefined) expect(qty).toBeLessThanOrEqual(d.available[sku] ?? 0);
        }
        for (const m of plan.missing) add(got, m.sku, m.qty);
        const needed = new Map(mergeParts(parts).map((p) => [p.sku, p.qty]));
        expect(got).toEqual(needed);
        expect(plan.status === 'short').toBe(plan.missing.length > 0);
        expect(plan.status === 'not-needed').toBe(needed.size === 0);
        expect(plan.detourKm).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 }
    );
  });

  it('bounds the detour from below without walking', () => {
    fc.assert(
      fc.property(world, ({ parts, customer: at, technician, depots, reachKm }) => {
        const context = preparePartsContext({ location: at, parts }, depots, reachKm);
        const direct = haversineKm(at, technician);
        expect(detourLowerBound(context, technician, direct)).toBeLessThanOrEqual(
          detourFor(context, technician, direct)
        );
      }),
      { numRuns: 1000 }
    );
  });

  it('gives the same detour on the fast path as the full plan', () => {
    fc.assert(
      fc.property(world, ({ parts, customer: at, technician, depots, reachKm }) => {
        const context = preparePartsContext({ location: at, parts }, depots, reachKm);
        const direct = haversineKm(at, technician);
        expect(detourFor(context, technician, direct)).toBe(planFor(context, technician, direct).detourKm);
      }),
      { numRuns: 1000 }
    );
  });
});
