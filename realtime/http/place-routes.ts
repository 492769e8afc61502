// The geography the console draws: regions, cities, the basemap and the optional tile URL.
import { Router } from 'express';
import type { CityRow, RegionRow } from '../../db';
import type { BasemapCollection, CityCollection, RegionCollection } from '../contract';

export interface Places {
  regions: RegionRow[];
  cities: CityRow[];
  basemap: BasemapCollection;
  tileUrl: string | null;
}

export function placeRoutes(places: Places): Router {
  const regions: RegionCollection = {
    type: 'FeatureCollection',
    features: places.regions.map((r) => ({
      type: 'Feature',
      id: r.id,
      properties: { id: r.id, name: r.name, nameEn: r.nameEn },
      geometry: r.geometry
    }))
  };
  const cities: CityCollection = {
    type: 'FeatureCollection',
    features: places.cities.map((c) => ({
      type: 'Feature',
      id: c.id,
      properties: {
        id: c.id,
        name: c.name,
        nameEn: c.nameEn,
        regionId: c.regionId,
        population: c.population
      },
      geometry: { type: 'Point', coordinates: [c.lng, c.lat] }
    }))
  };
  const r = Router();
  r.get('/regions', (_req, res) => void res.json(regions));
  r.get('/cities', (_req, res) => void res.json(cities));
  r.get('/basemap', (_req, res) => void res.json(places.basemap));
  r.get('/config', (_req, res) => void res.json({ tileUrl: places.tileUrl }));
  return r;
}
