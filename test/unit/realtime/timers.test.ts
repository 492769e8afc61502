import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DueHeap } from '../../../realtime/timers/due-heap';
import { TimerQueue } from '../../../realtime/timers/timer-queue';

const log = pino({ level: 'silent' });

describe('DueHeap', () => {
  it('gives back exactly the due entries, earliest first, ties by id', () => {
    const entry = fc.record({ id: fc.nat(10_000), at: fc.integer({ min: 0, max: 500 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 3000 }), fc.integer({ min: 0, max: 600 }), (entries, now) => {
        const heap = new DueHeap();
        for (const { id, at } of entries) heap.push(id, at);
        const expected = entries
          .filter((e) => e.at <= now)
          .sort((a, b) => a.at - b.at || a.id - b.id)
          .map((e) => e.id);
        expect(heap.popDue(now, Infinity)).toEqual(expected);
        expect(heap.size).toBe(entries.length - expected.length);
        const rest = heap.peekAt();
        expect(rest === null || rest > now).toBe(true);
      })
    );
  });

  it('pops at most the limit and keeps the rest for the next call', () => {
    const heap = new DueHeap();
    for (let id = 1; id <= 5; id++) heap.push(id, 100 - id);
    expect(heap.popDue(100, 2)).toEqual([5, 4]);
    expect(heap.popDue(100, 10)).toEqual([3, 2, 1]);
    expect(heap.peekAt()).toBeNull();
  });
});

describe('TimerQueue', () => {
  const setup = (fire: (ids: number[]) => Promise<void>) => {
    let now = 1_000_000;
    const clock = { now: () => new Date(now) };
    const queue = new TimerQueue({ clock, fire, log, batchSize: 2, retryMs: 5_000 });
    return { queue, advance: (ms: number) => (now += ms) };
  };

  it('fires in due order, in batches, and only what the clock has reached', async () => {
    const fired: number[][] = [];
    const { queue, advance } = setup(async (ids) => void fired.push(ids));
    queue.add(3, 1_000_300);
    queue.add(1, 1_000_100);
    queue.add(2, 1_000_200);
    queue.add(9, 1_009_000);
    advance(300);
    await queue.drain();
    expect(fired).toEqual([[1, 2], [3]]);
    expect(queue.size).toBe(1);
    expect(queue.nextAt).toBe(1_009_000);
  });

  it('looks again for a caller who asks while a run is finishing', async () => {
    const fired: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { queue, advance } = setup(async (ids) => {
      fired.push(...ids);
      if (ids.includes(1)) await gate;
    });
    queue.add(1, 1_000_000);
    queue.add(2, 1_000_500);
    const first = queue.drain();
    advance(500);
    const second = queue.drain();
    release();
    await Promise.all([first, second]);
    expect(fired).toEqual([1, 2]);
  });

  it('puts a failed batch back and fires it once the retry delay has passed', async () => {
    const fired: number[] = [];
    let fail = true;
    const { queue, advance } = setup(async (ids) => {
      if (fail) throw new Error('database away');
      fired.push(...ids);
    });
    queue.add(7, 1_000_000);
    await queue.drain();
    fail = false;
    advance(4_999);
    await queue.drain();
    expect(fired).toEqual([]);
    advance(1);
    await queue.drain();
    expect(fired).toEqual([7]);
  });

  it('arms itself on the system clock and fires without being asked', async () => {
    const fired: number[] = [];
    let done: () => void = () => {};
    const firedOnce = new Promise<void>((resolve) => (done = resolve));
    const queue = new TimerQueue({
      clock: { now: () => new Date() },
      fire: async (ids) => {
        fired.push(...ids);
        done();
      },
      log
    });
    queue.start();
    queue.add(42, Date.now() + 20);
    await firedOnce;
    await queue.stop();
    expect(fired).toEqual([42]);
  });
});
