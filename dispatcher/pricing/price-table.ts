// A price table: what each service item costs and which coefficients shape it, as data. Headquarters and
// regional managers edit it; each edit is a new version with its own effective dates (versions.ts), and
// an order's quote records the version it was priced with, so later edits never reprice it silently.
import type { RegionId } from '../../geo/cities';
import type { Shift } from '../fleet/shift';
import type { EpochMs } from '../sla/time';
import type { OrderPriority } from '../work-order/intake';
import type { ServiceTypeId } from '../work-order/service-types';
import { BP_ONE, type Bp, type Fen } from './money';

/** Chinese city tiers as in geo/cities.ts: 1 = Beijing, Shanghai, Guangzhou, Shenzhen. */
export type CityTier = 1 | 2 | 3;
export const CITY_TIERS = [1, 2, 3] as const satisfies readonly CityTier[];
export type TierKey = `tier${CityTier}`;

/** One priced piece of work: the seed's "AC install on the 3rd floor or higher, 300元 × 1.2". */
export interface PriceItem {
  id: string;
  serviceType: ServiceTypeId;
  name: string;
  nameEn: string;
  baseFee: Fen;
  /** The item's difficulty coefficient, applied to the base fee first. */
  difficulty: Bp;
}

/** A yearly window of local (Beijing) dates, 'MM-DD' to 'MM-DD' inclusive; `from` after `to` spans New Year. */
export interface SeasonWindow {
  id: string;
  name: string;
  regions: RegionId[];
  from: string;
  to: string;
  coefficient: Bp;
}

export interface PriceTable {
  id: string;
  /** Raised by one on every edit. */
  version: number;
  /** Half-open: in force from `effectiveFrom` (included) until `effectiveTo` (excluded); null = open-ended. */
  effectiveFrom: EpochMs;
  effectiveTo: EpochMs | null;
  items: PriceItem[];
  /** By region and city tier; a region manager's part of the table. */
  regional: Record<RegionId, Record<TierKey, Bp>>;
  /** Above `aboveM` metres (plateau work: Lhasa, Xining's hinterland). */
  altitude: { aboveM: number; coefficient: Bp };
  seasons: SeasonWindow[];
  urgency: Record<OrderPriority, Bp>;
  /** Local hours that count as after hours (a night window wraps midnight, as shifts do). */
  afterHours: { window: Shift; coefficient: Bp };
  /** When the technician serves outside their own region. */
  crossRegion: Bp;
}

/**
 * An upper bound of the labour any order can reach under the table: the dearest item with every
 * coefficient at its largest, all seasons at once. A float estimate, only for refusing tables whose
 * compounding could pass MAX_FEN (money.ts); no amount is ever computed this way.
 */
export function labourCeiling(table: PriceTable): number {
  const largest = (bps: number[]) => Math.max(1, ...bps.map((bp) => bp / BP_ONE));
  const item = Math.max(0, ...table.items.map((i) => (i.baseFee * i.difficulty) / BP_ONE));
  const regional = largest(Object.values(table.regional).flatMap((tiers) => Object.values(tiers)));
  const seasons = table.seasons.reduce((product, s) => product * largest([s.coefficient]), 1);
  return (
    item *
    regional *
    largest([table.altitude.coefficient]) *
    seasons *
    largest(Object.values(table.urgency)) *
    largest([table.afterHours.coefficient]) *
    largest([table.crossRegion])
  );
}
