import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../geo/distance';
import { Random } from '../../../realtime/demo/random';
import { step, type SimTech } from '../../../realtime/simulator/motion';
import { TECHNICIAN_STATUSES } from '../../../dispatcher/fleet/status';

const shanghai = { lng: 121.47, lat: 31.23 };

describe('the simulated fleet', () => {
  it('never moves a technician faster than their road speed', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...TECHNICIAN_STATUSES),
        fc.integer({ min: 1, max: 120 }),
        (seed, status, dtS) => {
          const random = new Random(seed);
          const t: SimTech = {
            id: 'T',
            home: shanghai,
            location: shanghai,
            status,
            target: random.near(shanghai, 20),
            speedKmh: 50,
            waitS: 600
          };
          const from = t.location;
          const speed = t.speedKmh;
          const change = step(t, dtS, random);
          if (change.location)
            expect(haversineKm(from, change.location)).toBeLessThanOrEqual((speed * dtS) / 3600 + 1e-6);
        }
      )
    );
  });

  it('keeps busy and offline technicians where they are', () => {
    for (const status of ['busy', 'offline'] as const) {
      const t: SimTech = {
        id: 'T',
        home: shanghai,
        location: shanghai,
        status,
        target: shanghai,
        speedKmh: 50,
        waitS: 1e9
      };
      expect(step(t, 1, new Random(1)).location).toBeNull();
    }
  });

  it('puts a technician to work on arrival at a job', () => {
    const t: SimTech = {
      id: 'T',
      home: shanghai,
      location: shanghai,
      status: 'en_route',
      target: { lng: 121.4701, lat: 31.23 },
      speedKmh: 50,
      waitS: 0
    };
    expect(step(t, 60, new Random(1)).status).toBe('busy');
  });

  it('is the same fleet on every machine for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
});
