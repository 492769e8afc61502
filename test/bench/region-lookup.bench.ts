// Region lookup: the grid + R-tree index against the plain loop over turf.booleanPointInPolygon.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { chinaOutline } from '../../geo/basemap';
import { CITIES } from '../../geo/cities';
import { RegionIndex, bruteForceLookup } from '../../geo/region-index';
import { buildRegionPolygons, regionPolygons } from '../../geo/regions';

const POINTS = 200_000;
/** Each path runs this many times over the points; the median round is reported (the machine is shared). */
const ROUNDS = 3;
const MEMORY_COPIES = 10;
/** Share of points scattered around cities (by population); the rest fall anywhere in the box. */
const NEAR_CITIES = 0.85;
const BOX = { west: 72, south: 17, east: 136, north: 55 };

/** mulberry32: small, fast and seeded, so every run times the same points. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samplePoints(count: number, random: () => number): Float64Array {
  const total = CITIES.reduce((s, c) => s + c.population, 0);
  const cumulative = CITIES.map(
    (
      (sum) => (c) =>
        (sum += c.population / total)
    )(0)
  );
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const xy = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    if (random() < NEAR_CITIES) {
      const u = random();
      const city =
        CITIES[
          Math.max(
            0,
            cumulative.findIndex((c) => c >= u)
          )
        ] ?? CITIES[0];
      // A metro area spreads wider for a bigger city: about 15 km for a town, 45 km for Shanghai.
      const spread = 0.1 + 0.06 * Math.sqrt(city?.population ?? 0);
      xy[2 * i] = (city?.lng ?? 0) + gaussian() * spread;
      xy[2 * i + 1] = (city?.lat ?? 0) + gaussian() * spread;
    } else {
      xy[2 * i] = BOX.west + random() * (BOX.east - BOX.west);
      xy[2 * i + 1] = BOX.south + random() * (BOX.north - BOX.south);
    }
  }
  return xy;
}

/** Full collections around the memory measurement, without needing node --expose-gc. */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time<T>(work: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} ops/s`;

export async function run(): Promise<void> {
  const outline = time(chinaOutline);
  const coldRegions = time(regionPolygons);
  const warmRegions = time(() => buildRegionPolygons(outline.result, CITIES));
  console.log(
    `China outline from world-atlas: ${outline.ms.toFixed(0)} ms; region polygons: first build ` +
      `${coldRegions.ms.toFixed(0)} ms, again ${warmRegions.ms.toFixed(0)} ms`
  );
  const polygons = coldRegions.result;

  const build = time(() => new RegionIndex(polygons));
  const index = build.result;
  const rebuild = time(() => new RegionIndex(polygons));
  const { stats } = index;
  console.log(
    `index build: first ${build.ms.toFixed(1)} ms, again ${rebuild.ms.toFixed(1)} ms; ${stats.edges} edges, ` +
      `${stats.cells} cells of 0.25°, ${((100 * stats.pureCells) / stats.cells).toFixed(1)} % pure`
  );

  // Memory: keep several indexes alive between two full collections and divide, so that one build's
  // share stands out from the collector's noise.
  collectGarbage();
  const before = process.memoryUsage();
  const kept = Array.from({ length: MEMORY_COPIES }, () => new RegionIndex(polygons));
  collectGarbage();
  const after = process.memoryUsage();
  const each = (key: 'heapUsed' | 'arrayBuffers' | 'rss') => mb((after[key] - before[key]) / kept.length);
  console.log(
    `index memory: ${mb(stats.bytes)} in typed arrays and trees; process.memoryUsage deltas per index ` +
      `(${kept.length} kept): heapUsed ${each('heapUsed')}, arrayBuffers ${each('arrayBuffers')}, rss ${each('rss')}`
  );

  const xy = samplePoints(POINTS, prng(20261123));
  const indexed = new Array<string | null>(POINTS);
  const brute = new Array<string | null>(POINTS);
  // Warm both paths up so that the timings compare optimised code.
  for (let i = 0; i < 20_000; i++) {
    index.lookup(xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0);
    bruteForceLookup(polygons, xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0);
  }
  const fast: number[] = [];
  const slow: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fast.push(
      time(() => {
        for (let i = 0; i < POINTS; i++) indexed[i] = index.lookup(xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0);
      }).ms
    );
    slow.push(
      time(() => {
        for (let i = 0; i < POINTS; i++)
          brute[i] = bruteForceLookup(polygons, xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0);
      }).ms
    );
  }
  const fastMs = median(fast);
  const slowMs = median(slow);

  let disagree = 0;
  let outside = 0;
  for (let i = 0; i < POINTS; i++) {
    if (indexed[i] !== brute[i]) disagree++;
    if (indexed[i] === null) outside++;
  }
  console.log(
    `${POINTS.toLocaleString('en-US')} points (${NEAR_CITIES * 100} % near cities by population, the rest uniform; ` +
      `${((100 * outside) / POINTS).toFixed(1)} % outside China)`
  );
  console.log(
    `  RegionIndex.lookup   ${rate(POINTS, fastMs)}  (${((fastMs * 1e6) / POINTS).toFixed(0)} ns/op)`
  );
  console.log(
    `  bruteForceLookup     ${rate(POINTS, slowMs)}  (${((slowMs * 1e6) / POINTS).toFixed(0)} ns/op)`
  );
  console.log(
    `  speed-up ×${(slowMs / fastMs).toFixed(1)} (median of ${ROUNDS} rounds); disagreements: ${disagree}`
  );
  if (disagree > 0) throw new Error(`RegionIndex disagrees with the brute force on ${disagree} points`);
}
