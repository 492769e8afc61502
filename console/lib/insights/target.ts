// What the insights page shows, as the URL carries it (`?layer=&region=&city=`), so a link reopens the
// same level. Runtime copies of the layer list: the console imports only types from realtime/.
import type { HeatmapLayerId } from '$realtime/heatmap-contract';

export const LAYERS = ['demand', 'sla_risk', 'revenue'] as const satisfies readonly HeatmapLayerId[];
type Missing = Exclude<HeatmapLayerId, (typeof LAYERS)[number]>;
const _everyLayerListed: [Missing] extends [never] ? true : Missing = true;
void _everyLayerListed;

/** A level asked for: no region is the nation; a city always names its region too. */
export interface InsightsTarget {
  layer: HeatmapLayerId;
  regionId: string | null;
  cityId: string | null;
}

const isLayer = (s: string | null): s is HeatmapLayerId =>
  s !== null && (LAYERS as readonly string[]).includes(s);

export function parseTarget(params: URLSearchParams): InsightsTarget {
  const layer = params.get('layer');
  const regionId = params.get('region') || null;
  return {
    layer: isLayer(layer) ? layer : 'demand',
    regionId,
    cityId: regionId ? params.get('city') || null : null
  };
}

/** The page URL's query of a target, without `?`; the default layer is left out to keep links short. */
export function targetQuery(t: InsightsTarget): string {
  const params = new URLSearchParams();
  if (t.layer !== 'demand') params.set('layer', t.layer);
  if (t.regionId) params.set('region', t.regionId);
  if (t.regionId && t.cityId) params.set('city', t.cityId);
  return params.toString();
}

/** The API query for a target. */
export function heatmapQuery(t: InsightsTarget): string {
  const params = new URLSearchParams({ layer: t.layer });
  if (t.regionId) params.set('regionId', t.regionId);
  if (t.regionId && t.cityId) params.set('cityId', t.cityId);
  return params.toString();
}

export type Crumb =
  | { level: 'nation'; target: InsightsTarget }
  | { level: 'region'; id: string; target: InsightsTarget }
  | { level: 'city'; id: string; target: InsightsTarget };

/** nation › region › city, each leading back to its level with the same layer. */
export function crumbsOf(t: InsightsTarget): Crumb[] {
  const crumbs: Crumb[] = [{ level: 'nation', target: { layer: t.layer, regionId: null, cityId: null } }];
  if (t.regionId)
    crumbs.push({
      level: 'region',
      id: t.regionId,
      target: { layer: t.layer, regionId: t.regionId, cityId: null }
    });
  if (t.regionId && t.cityId) crumbs.push({ level: 'city', id: t.cityId, target: t });
  return crumbs;
}

/**
 * Where a user lands without a region in the URL: a regional manager or dispatcher with one region
 * starts in it; everyone else at the nation.
 */
export function landingTarget(
  t: InsightsTarget,
  user: { role: string; regionIds: string[] }
): InsightsTarget {
  const own = user.regionIds[0];
  const regional = user.role === 'regional_manager' || user.role === 'dispatcher';
  if (t.regionId || !regional || user.regionIds.length !== 1 || !own) return t;
  return { ...t, regionId: own, cityId: null };
}
