// Runs every benchmark module in test/bench, one after the other: `npx tsx test/bench/run.ts [name…]`.
// To add one, write test/bench/<name>.bench.ts exporting `run(): Promise<void>` and list it below.
import os from 'node:os';

const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'region-lookup': () => import('./region-lookup.bench'),
  dispatch: () => import('./dispatch.bench'),
  'dispatch-store': () => import('./dispatch-store.bench'),
  'sla-timers': () => import('./sla-timers.bench'),
  settlement: () => import('./settlement.bench'),
  'wall-fps': () => import('./wall-fps.bench'),
  insights: () => import('./insights.bench')
};

const wanted = process.argv.slice(2);
console.log(
  `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, node ${process.version}, ` +
    new Date().toISOString().slice(0, 10)
);
for (const [name, load] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n# ${name}`);
  const bench = await load();
  await bench.run();
}
