// The seeded world both dispatch benches run on: 10,000 technicians, 200 depots stocking 300 SKUs and
// orders, scattered around the 239 cities of geo/cities.ts by population. The same seed gives the same
// world on every machine.
import { CITIES, type City } from '../../geo/cities';
import {
  DEFAULT_POLICY,
  type CandidateTechnician,
  type DepotStock,
  type DispatchOrder,
  type PartLine,
  type RegionPolicy
} from '../../dispatcher/dispatch/types';
import type { TechnicianStatus } from '../../dispatcher/fleet/status';
import { Random } from '../../realtime/demo/random';

export const WORLD_SEED = 20261123;
export const TECHNICIANS = 10_000;
export const DEPOTS = 200;
export const SKU_COUNT = 300;
export const ORDERS = 20_000;

/** Common skills first: most technicians have the first ones, few the last. */
const SKILLS = [
  '空调安装',
  '空调维修',
  '热水器',
  '洗衣机',
  '冰箱',
  '电工',
  '水管',
  '燃气灶',
  '净水器',
  '门锁',
  '高空作业',
  '商用制冷'
];
/** The product's certificates (dispatcher/work-order/service-types.ts asks for them). */
const CERTIFICATIONS = ['电工证', '高处作业证', '燃气具安装维修证', '制冷与空调作业证'];
export const SKUS = Array.from({ length: SKU_COUNT }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
const STATUSES: TechnicianStatus[] = ['offline', 'idle', 'en_route', 'busy'];
const STATUS_WEIGHTS = [15, 45, 15, 25];

export const POLICY: RegionPolicy = { ...DEFAULT_POLICY, allowCrossRegion: true };

export function cityPicker(random: Random): () => City {
  const weights = CITIES.map((c) => c.population);
  return () => CITIES[random.weighted(weights)] ?? (CITIES[0] as City);
}

/** A metro area spreads wider for a bigger city: about 12 km for a town, 50 km for Shanghai. */
export const metroKm = (city: City) => 8 + 8 * Math.sqrt(city.population);

/** `homes` gives the city each technician and depot was placed around, by id. */
export function generate(seed: number) {
  const homes = new Map<string, City>();
  const random = new Random(seed);
  const city = cityPicker(random);
  const skillWeights = SKILLS.map((_, i) => 1 / (i + 1));
  const skuWeights = SKUS.map((_, i) => 1 / (i + 1) ** 0.9);

  const technicians: CandidateTechnician[] = Array.from({ length: TECHNICIANS }, (_, i) => {
    const home = city();
    const capacity = random.int(3, 8);
    const id = `tech-${String(i).padStart(5, '0')}`;
    homes.set(id, home);
    return {
      id,
      regionId: home.regionId,
      location: random.near(home, metroKm(home)),
      status: STATUSES[random.weighted(STATUS_WEIGHTS)] ?? 'idle',
      skills: SKILLS.filter((_, k) => random.next() < 0.85 - 0.06 * k),
      certifications: CERTIFICATIONS.filter(() => random.next() < 0.3),
      rating: Math.round((3 + 2 * random.next()) * 10) / 10,
      capacity,
      openOrders: random.int(0, capacity),
      onShift: random.next() < 0.9,
      earnedThisMonthFen: random.int(0, 3_000_000)
    };
  });

  const depots: DepotStock[] = Array.from({ length: DEPOTS }, (_, i) => {
    const at = city();
    const available: Record<string, number> = {};
    SKUS.forEach((sku, k) => {
      const stocked = k < 30 ? 0.9 : k < 100 ? 0.5 : 0.12;
      if (random.next() < stocked) available[sku] = random.int(0, 20);
    });
    const depotId = `depot-${String(i).padStart(3, '0')}`;
    homes.set(depotId, at);
    return {
      depotId,
      regionId: at.regionId,
      location: random.near(at, 15),
      available
    };
  });

  const orders: DispatchOrder[] = Array.from({ length: ORDERS }, (_, i) => {
    const at = city();
    const skills = new Set<string>();
    const skillCount = random.next() < 0.7 ? 1 : 2;
    while (skills.size < skillCount) skills.add(SKILLS[random.weighted(skillWeights)] ?? '电工');
    const lines = random.next() < 0.4 ? 0 : random.int(1, 3);
    const parts: PartLine[] = Array.from({ length: lines }, () => ({
      sku: SKUS[random.weighted(skuWeights)] ?? 'SKU-000',
      qty: random.int(1, 2)
    }));
    return {
      id: `order-${i}`,
      regionId: at.regionId,
      location: random.near(at, metroKm(at)),
      priority: 'normal',
      requiredSkills: [...skills],
      requiredCertifications: random.next() < 0.2 ? [random.pick(CERTIFICATIONS)] : [],
      parts
    };
  });
  return { technicians, depots, orders, homes };
}
