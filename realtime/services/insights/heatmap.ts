// The heatmap at one level of the drill-down: who may see what, which layer measures it, and the pieces
// the map draws (regions, cities, hot spots, depots, technicians, orders). The weights come from a
// HeatLayer; the region cells are the sums of the city cells (dispatcher/insights/heatmap.ts).
import { listDepots, type CityRow, type Database } from '../../../db';
import type { Clock } from '../../../dispatcher/clock';
import {
  cellCentre,
  HOTSPOT_CELL_DEG,
  sumByRegion,
  type HeatmapLevel
} from '../../../dispatcher/insights/heatmap';
import { permittedRegions, type Principal } from '../../auth/scope';
import type { HeatCityCell, HeatmapView, HeatRegionCell } from '../../heatmap-contract';
import { HttpError } from '../../http/errors';
import { regionsToList } from '../../http/region-query';
import type { HeatmapQuery } from '../../schemas/insights';
import type { Fleet, LiveTechnician } from '../fleet';
import type { HeatLayers } from './heat-layer';
import { periodOf } from './period';

/** A city lists at most this many orders: more would not fit a side list or help a map. */
export const CITY_ORDER_LIMIT = 500;

/** Orders are drawn at about a kilometre: enough for a heatmap, and no customer's doorstep. */
const round2 = (x: number) => Math.round(x * 100) / 100;

export interface HeatmapDeps {
  db: Database;
  fleet: Fleet;
  clock: Clock;
  cities: readonly CityRow[];
  allRegionIds: readonly string[];
  layers: HeatLayers;
}

interface Headcount {
  technicians: number;
  online: number;
}

function headcounts(techs: readonly LiveTechnician[], key: (t: LiveTechnician) => string) {
  const counts = new Map<string, Headcount>();
  for (const t of techs) {
    const c = counts.get(key(t)) ?? { technicians: 0, online: 0 };
    c.technicians++;
    if (t.status !== 'offline') c.online++;
    counts.set(key(t), c);
  }
  return (id: string): Headcount => counts.get(id) ?? { technicians: 0, online: 0 };
}

export class HeatmapService {
  readonly #cityById: Map<string, CityRow>;

  constructor(private readonly deps: HeatmapDeps) {
    this.#cityById = new Map(deps.cities.map((c) => [c.id, c]));
  }

  async view(user: Principal, q: HeatmapQuery): Promise<HeatmapView> {
    const { level, regionIds } = this.#level(user, q);
    const period = periodOf(q, this.deps.clock.now());
    const layer = this.deps.layers[q.layer];
    if (!layer)
      throw new HttpError(
        501,
        'layer_unavailable',
        `the ${q.layer} layer has no data source yet`,
        undefined,
        {
          layer: q.layer
        }
      );
    const scope = { regionIds, period };
    const cityId = level.type === 'city' ? level.cityId : null;

    const [cityWeights, grid, orders, depots] = await Promise.all([
      layer.byCity(scope),
      level.type === 'region' ? layer.byGridCell(scope, HOTSPOT_CELL_DEG) : [],
      cityId ? layer.ordersOfCity(scope, cityId, CITY_ORDER_LIMIT + 1) : [],
      level.type === 'nation' ? [] : listDepots(this.deps.db)
    ]);

    const techs = this.deps.fleet.inRegions(regionIds);
    const byRegion = headcounts(techs, (t) => t.regionId);
    const byCity = headcounts(techs, (t) => t.cityId);
    const regionTotals = sumByRegion(cityWeights, regionIds);
    const cityWeight = new Map(cityWeights.map((c) => [c.cityId, c.weight]));

    const regions: HeatRegionCell[] = regionIds.map((id) => ({
      regionId: id,
      weight: regionTotals.get(id) ?? 0,
      ...byRegion(id)
    }));
    const cities: HeatCityCell[] = this.deps.cities
      .filter((c) => (cityId ? c.id === cityId : regionIds.includes(c.regionId)))
      .map((c) => ({
        cityId: c.id,
        regionId: c.regionId,
        location: { lng: c.lng, lat: c.lat },
        weight: cityWeight.get(c.id) ?? 0,
        ...byCity(c.id)
      }));
    const total = (cityId ? cities : regions).reduce((sum, cell) => sum + cell.weight, 0);

    return {
      layer: q.layer,
      level,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      at: this.deps.clock.now().toISOString(),
      total,
      regions,
      cities,
      hotspots: grid.map((g) => ({ location: cellCentre(g.gx, g.gy), weight: g.weight })),
      depots: depots
        .filter((d) => (cityId ? d.cityId === cityId : regionIds.includes(d.regionId)))
        .map((d) => ({ id: d.id, name: d.name, cityId: d.cityId, location: { lng: d.lng, lat: d.lat } })),
      technicians: cityId
        ? techs
            .filter((t) => t.cityId === cityId)
            .map((t) => ({ id: t.id, name: t.name, status: t.status, location: t.location }))
        : [],
      orders: orders.slice(0, CITY_ORDER_LIMIT).map((o) => ({
        id: o.id,
        status: o.status,
        priority: o.priority,
        serviceType: o.serviceType,
        location: { lng: round2(o.lng), lat: round2(o.lat) },
        createdAt: o.createdAt.toISOString(),
        weight: o.weight
      })),
      ordersTruncated: orders.length > CITY_ORDER_LIMIT
    };
  }

  /** The level asked for and the regions it covers; 422 for unknown places, 403 outside the caller's. */
  #level(user: Principal, q: HeatmapQuery): { level: HeatmapLevel; regionIds: string[] } {
    if (permittedRegions(user, this.deps.allRegionIds).length === 0)
      throw new HttpError(403, 'forbidden', 'this role has no regions to survey');
    if (q.cityId === undefined) {
      const regionIds = regionsToList(user, q.regionId, this.deps.allRegionIds);
      return { level: q.regionId ? { type: 'region', regionId: q.regionId } : { type: 'nation' }, regionIds };
    }
    const city = this.#cityById.get(q.cityId);
    if (!city || (q.regionId !== undefined && q.regionId !== city.regionId))
      throw new HttpError(422, 'validation_failed', 'invalid input: cityId', [
        { path: 'cityId', message: city ? `not a city of ${q.regionId}` : 'unknown city' }
      ]);
    const regionIds = regionsToList(user, city.regionId, this.deps.allRegionIds);
    return { level: { type: 'city', regionId: city.regionId, cityId: city.id }, regionIds };
  }
}
