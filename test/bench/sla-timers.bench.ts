// A million pending SLA timers in one process: the TimerQueue (one typed-array heap, one armed
// setTimeout) against a setTimeout per timer, in the same run, on the same due times. Measured: time to
// load them (from Postgres with DATABASE_URL, reading pages of pending rows by id as a restart does; then
// into the scheduler), memory the scheduler holds after a full GC, and how late each timer fires over a
// run in which a tenth of them come due (the rest wait hours ahead, as most SLA clocks do).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import pino from 'pino';
import { systemClock } from '../../dispatcher/clock';
import { TimerQueue } from '../../realtime/timers/timer-queue';

const TIMERS = 1_000_000;
/** Due within the run: the lateness sample. */
const DUE_IN_RUN = 100_000;
const RUN_MS = 20_000;
const LEAD_MS = 3_000;
const LATER_SPAN_MS = 24 * 3_600_000;
const PAGE = 50_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Timers {
  ids: Float64Array;
  due: Float64Array;
}

/** Due times relative to the run's start; the first DUE_IN_RUN land inside it, spread evenly, ids shuffled. */
function offsets(): Float64Array {
  const offset = new Float64Array(TIMERS);
  let seed = 20261123;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < TIMERS; i++)
    offset[i] = i < DUE_IN_RUN ? LEAD_MS + random() * RUN_MS : LEAD_MS + RUN_MS + random() * LATER_SPAN_MS;
  return offset;
}

/** Writes the pending rows to a temporary table and reads them back page by page, as a restart would. */
async function throughPostgres(url: string, offset: Float64Array, base: number): Promise<Timers> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE bench_timers (id bigint PRIMARY KEY, due_at timestamptz NOT NULL)');
    for (let from = 0; from < TIMERS; from += PAGE) {
      const ids = Array.from({ length: Math.min(PAGE, TIMERS - from) }, (_, i) => from + i + 1);
      const due = ids.map((id) => new Date(base + (offset[id - 1] as number)).toISOString());
      await client.query('INSERT INTO bench_timers SELECT * FROM unnest($1::bigint[], $2::timestamptz[])', [
        ids,
        due
      ]);
    }
    const started = performance.now();
    const timers: Timers = { ids: new Float64Array(TIMERS), due: new Float64Array(TIMERS) };
    let n = 0;
    for (let after = 0; ;) {
      const page = await client.query<{ id: string; ms: string }>(
        'SELECT id, (extract(epoch FROM due_at) * 1000)::bigint AS ms FROM bench_timers WHERE id > $1 ORDER BY id LIMIT $2',
        [after, PAGE]
      );
      if (page.rows.length === 0) break;
      for (const row of page.rows) {
        timers.ids[n] = Number(row.id);
        timers.due[n++] = Number(row.ms);
      }
      after = timers.ids[n - 1] as number;
    }
    console.log(
      `read ${n.toLocaleString('en')} pending rows from Postgres in pages of ${PAGE.toLocaleString('en')}: ${ms(performance.now() - started)}`
    );
    return timers;
  } finally {
    await client.end();
  }
}

function inMemory(offset: Float64Array, base: number): Timers {
  const timers: Timers = { ids: new Float64Array(TIMERS), due: new Float64Array(TIMERS) };
  for (let i = 0; i < TIMERS; i++) {
    timers.ids[i] = i + 1;
    timers.due[i] = Math.round(base + (offset[i] as number));
  }
  return timers;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function held(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

interface Outcome {
  name: string;
  loadMs: number;
  bytes: number;
  lateness: Float64Array;
}

/**
 * Schedules every timer with its due time moved as far as the clock moved since `base` (each run starts
 * as fresh as the first) and waits until every in-run timer fired, recording how late it was.
 */
async function measure(
  name: string,
  timers: Timers,
  base: number,
  schedule: (due: Float64Array, onFire: (id: number) => void) => () => void
): Promise<Outcome> {
  const shift = Date.now() - base;
  const due = timers.due.map((d) => d + shift);
  const dueOf = new Float64Array(TIMERS + 1);
  for (let i = 0; i < TIMERS; i++) dueOf[timers.ids[i] as number] = due[i] as number;
  const lateness = new Float64Array(DUE_IN_RUN);
  let fired = 0;
  let allFired: () => void = () => {};
  const done = new Promise<void>((resolve) => (allFired = resolve));
  const before = held();
  const started = performance.now();
  const cancel = schedule(due, (id) => {
    lateness[fired++] = Date.now() - (dueOf[id] as number);
    if (fired === DUE_IN_RUN) allFired();
  });
  const loadMs = performance.now() - started;
  const bytes = held() - before;
  // The queue's timer does not hold the process open (a server's sockets do): this does, meanwhile.
  const keepAlive = setInterval(() => {}, 1000);
  await done;
  clearInterval(keepAlive);
  cancel();
  lateness.sort();
  return { name, loadMs, bytes, lateness };
}

function report(outcome: Outcome): void {
  const l = outcome.lateness;
  console.log(
    `  ${outcome.name.padEnd(28)} load ${ms(outcome.loadMs).padStart(8)}  held ${mb(outcome.bytes).padStart(9)}` +
      `  lateness p50 ${ms(percentile(l, 0.5)).padStart(6)}  p99 ${ms(percentile(l, 0.99)).padStart(6)}  max ${ms(l[l.length - 1] as number).padStart(6)}`
  );
}

export async function run(): Promise<void> {
  const base = Date.now();
  const offset = offsets();
  const url = process.env.DATABASE_URL;
  if (!url) console.log('DATABASE_URL unset: the due times are generated in memory, not read from Postgres');
  const timers = url ? await throughPostgres(url, offset, base) : inMemory(offset, base);
  console.log(
    `${TIMERS.toLocaleString('en')} pending timers, ${DUE_IN_RUN.toLocaleString('en')} due within ${RUN_MS / 1000} s of the run, the rest over the next 24 h`
  );

  const queue = await measure('TimerQueue (one heap)', timers, base, (due, onFire) => {
    const q = new TimerQueue({
      clock: systemClock,
      log: pino({ level: 'silent' }),
      fire: async (ids) => ids.forEach(onFire)
    });
    for (let i = 0; i < TIMERS; i++) q.add(timers.ids[i] as number, due[i] as number);
    q.start();
    return () => void q.stop();
  });
  report(queue);

  const baseline = await measure('setTimeout per timer', timers, base, (due, onFire) => {
    const now = Date.now();
    const handles: NodeJS.Timeout[] = new Array(TIMERS);
    for (let i = 0; i < TIMERS; i++) {
      const id = timers.ids[i] as number;
      handles[i] = setTimeout(() => onFire(id), (due[i] as number) - now);
    }
    return () => handles.forEach((h) => clearTimeout(h));
  });
  report(baseline);

  const p99 = (o: Outcome) => percentile(o.lateness, 0.99);
  console.log(
    `  ratios (baseline / queue): load ×${(baseline.loadMs / queue.loadMs).toFixed(1)}, memory ×${(baseline.bytes / queue.bytes).toFixed(1)}`
  );
  console.log(
    `  goals: held ≤ 300 MB ${queue.bytes <= 300 * 2 ** 20 ? 'met' : 'MISSED'} (${mb(queue.bytes)}); ` +
      `p99 lateness ≤ 1 s ${p99(queue) <= 1000 ? 'met' : 'MISSED'} (${ms(p99(queue))})`
  );
}
