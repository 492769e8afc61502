// The demo company on an empty database: the seven regions, real cities, depots stocked with parts,
// a fleet of technicians and the demo users of shared/API.md. Deterministic (seeded).
import {
  countUsers,
  insertCities,
  insertPartners,
  insertRegions,
  insertStock,
  insertTechnicians,
  listRegions,
  insertUsers,
  updateRegionPolicy,
  type Database,
  type GeographySeed,
  type NewTechnician,
  type NewUser
} from '../../db';
import { DEFAULT_POLICY } from '../../dispatcher/dispatch/types';
import { CITIES, REGIONS, type City } from '../../geo/cities';
import { regionPolygons } from '../../geo/regions';
import { hashPassword } from '../auth/passwords';
import { CERTIFICATIONS, DEMO_TECHNICIANS, PART_CATALOG, personName, SKILLS } from './catalog';
import { DEMO_PARTNERS } from './partners';
import { Random } from './random';

export const DEMO_PASSWORD = 'demo-pass-2026';

export const techId = (n: number) => `T${String(n).padStart(5, '0')}`;
export const techUsername = (n: number) => `tech.${String(n).padStart(4, '0')}`;

/** The service regions and cities: product data every deployment needs, demo or not. */
export function referenceGeography(): Pick<GeographySeed, 'regions' | 'cities'> {
  const polygons = new Map(regionPolygons().map((f) => [f.properties.id, f.geometry]));
  const regions = REGIONS.map((r) => {
    const geometry = polygons.get(r.id);
    if (!geometry) throw new Error(`no polygon for region ${r.id}`);
    return { id: r.id, name: r.name, nameEn: r.nameEn, geometry };
  });
  const cities = CITIES.map((c) => ({
    id: c.id,
    regionId: c.regionId,
    name: c.name,
    nameEn: c.nameEn,
    tier: c.tier,
    population: Math.round(c.population * 1_000_000),
    lng: c.lng,
    lat: c.lat
  }));
  return { regions, cities };
}

export function demoStock(random: Random): Omit<GeographySeed, 'regions' | 'cities'> {
  // Depots stand in the 60 largest cities; the 8 largest have a second one across town.
  const byPopulation = [...CITIES].sort((a, b) => b.population - a.population);
  const depots = byPopulation.slice(0, 60).flatMap((c, rank) =>
    (rank < 8 ? [1, 2] : [1]).map((n) => ({
      id: `D-${c.id}-${n}`,
      cityId: c.id,
      regionId: c.regionId,
      name: `${c.name}${n}号仓`,
      ...random.near(c, n === 1 ? 5 : 15)
    }))
  );
  const parts = PART_CATALOG.map((p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    unitCostFen: random.int(p.costFen[0], p.costFen[1])
  }));
  // One depot in five runs short of some parts (the wall's replenishment alerts); the others are
  // restocked above their safety levels.
  const strained = (i: number) => i % 5 === 0;
  const stock = depots.flatMap((d, i) =>
    parts
      .filter(() => random.next() < 0.6)
      .map((p) => {
        const onHand = random.int(0, 40);
        const safetyLevel = random.int(3, 8);
        return {
          depotId: d.id,
          sku: p.sku,
          onHand: strained(i) || onHand >= safetyLevel ? onHand : onHand + 2 * safetyLevel,
          reserved: 0,
          safetyLevel
        };
      })
  );
  return { depots, parts, stock };
}

/**
 * Working hours, Beijing time: most work a day shift around 08:00–20:00; the big cities (tiers 1 and 2)
 * also run night shifts, so someone is on at every hour there; everywhere some work late, and some
 * (partners on call) have no limits.
 */
function demoShift(dice: Random, city: City): Pick<NewTechnician, 'shiftStartMin' | 'shiftEndMin'> {
  const r = dice.next();
  const night = city.tier <= 2 ? 0.15 : 0;
  if (r < 0.15) return { shiftStartMin: null, shiftEndMin: null };
  if (r < 0.15 + night) return { shiftStartMin: 20 * 60, shiftEndMin: 8 * 60 };
  if (r < 0.25 + night) return { shiftStartMin: 14 * 60, shiftEndMin: 23 * 60 };
  const start = 8 * 60 + 30 * dice.int(-2, 2);
  return { shiftStartMin: start, shiftEndMin: start + 12 * 60 };
}

/** Most work through one of their region's partners; one in ten is employed by the platform directly. */
function demoPartner(dice: Random, regionId: string): string | null {
  const local = DEMO_PARTNERS.filter((p) => p.regionId === regionId);
  if (local.length === 0 || dice.next() < 0.1) return null;
  return local[dice.int(0, local.length - 1)]?.id ?? null;
}

export function demoTechnicians(random: Random, count: number): NewTechnician[] {
  const weights = CITIES.map((c) => c.population ** 0.8);
  const pickChar = (s: string) => s[random.int(0, s.length - 1)] ?? '';
  // Dice of their own, so that shifts and partners left every other seeded attribute as it was.
  const shiftDice = new Random(480);
  const partnerDice = new Random(5150);
  return Array.from({ length: count }, (_, i) => {
    const city = CITIES[random.weighted(weights)] ?? CITIES[0];
    if (!city) throw new Error('no cities');
    const skills = random.sample(SKILLS, random.int(2, 4));
    const certifications = random.sample(CERTIFICATIONS, random.int(0, 2));
    if (skills.includes('高空作业') && !certifications.includes('高处作业证'))
      certifications.push('高处作业证');
    const at = random.near(city, 12);
    return {
      id: techId(i + 1),
      name: personName(pickChar, random.next() < 0.7),
      regionId: city.regionId,
      cityId: city.id,
      skills,
      certifications,
      rating: Math.round((3.6 + random.next() * 1.4) * 10) / 10,
      status: random.next() < 0.85 ? 'idle' : 'offline',
      lng: at.lng,
      lat: at.lat,
      capacity: random.int(3, 6),
      ...demoShift(shiftDice, city),
      partnerId: demoPartner(partnerDice, city.regionId)
    };
  });
}

async function demoUsers(technicians: NewTechnician[]): Promise<NewUser[]> {
  const staff: { username: string; role: string; regionIds: string[] }[] = [
    { username: 'admin', role: 'admin', regionIds: [] },
    { username: 'exec', role: 'executive', regionIds: [] },
    { username: 'finance', role: 'finance', regionIds: [] },
    { username: 'dispatch.east', role: 'dispatcher', regionIds: ['east'] },
    { username: 'manager.east', role: 'regional_manager', regionIds: ['east'] },
    { username: 'manager.north', role: 'regional_manager', regionIds: ['north'] }
  ];
  const users: NewUser[] = [];
  for (const s of staff) users.push({ ...s, passwordHash: await hashPassword(DEMO_PASSWORD) });
  // One hash for all demo technician logins: they share a published demo password anyway, and hashing
  // thousands of argon2 passwords would hold the first start for minutes.
  const techHash = await hashPassword(DEMO_PASSWORD);
  technicians.forEach((t, i) =>
    users.push({
      username: techUsername(i + 1),
      role: 'technician',
      regionIds: [t.regionId],
      technicianId: t.id,
      passwordHash: techHash
    })
  );
  return users;
}

/** Regions and cities on a database that has none. */
export async function seedReference(db: Database): Promise<boolean> {
  if ((await listRegions(db)).length > 0) return false;
  const { regions, cities } = referenceGeography();
  await db.transaction(async (tx) => {
    await insertRegions(tx, regions);
    await insertCities(tx, cities);
  });
  return true;
}

/** The demo company, once: a database that has users is left alone. Returns whether it seeded. */
export async function seedDemo(db: Database, technicianCount = DEMO_TECHNICIANS): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const random = new Random(20261123);
  const stock = demoStock(random);
  const technicians = demoTechnicians(random, technicianCount);
  const users = await demoUsers(technicians);
  await db.transaction(async (tx) => {
    await insertStock(tx, stock);
    await insertPartners(tx, DEMO_PARTNERS);
    await insertTechnicians(tx, technicians);
    await insertUsers(tx, users);
    // South China asks its technicians first, so the demo shows offers, declines and expiries too.
    await updateRegionPolicy(tx, 'south', {
      maxRadiusKm: DEFAULT_POLICY.maxRadiusKm,
      dispatchPolicy: { mode: 'offer', offerTimeoutMs: 90_000 }
    });
  });
  return true;
}
