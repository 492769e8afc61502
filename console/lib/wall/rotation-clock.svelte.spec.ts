import { describe, expect, it } from 'vitest';
import { RotationClock } from './rotation-clock.svelte';

function clock(count = 3, everySeconds = 10) {
  let t = 1_000_000;
  const c = new RotationClock(count, everySeconds, () => t);
  return { c, advance: (ms: number) => ((t += ms), c.tick()) };
}

describe('RotationClock', () => {
  it('moves to the next panel when its turn is over, and wraps around', () => {
    const { c, advance } = clock();
    advance(5_000);
    expect(c.index).toBe(0);
    expect(c.progress).toBeCloseTo(0.5);
    advance(5_000);
    expect(c.index).toBe(1);
    expect(c.progress).toBe(0);
    advance(10_000);
    advance(10_000);
    expect(c.index).toBe(0);
    expect(c.nextIndex).toBe(1);
  });

  it('steps back and forth by hand, each step a full new turn', () => {
    const { c, advance } = clock();
    advance(8_000);
    c.step(-1);
    expect(c.index).toBe(2);
    expect(c.progress).toBe(0);
    c.step(1);
    c.step(1);
    expect(c.index).toBe(1);
  });

  it('holds the panel while paused and resumes where it stopped', () => {
    const { c, advance } = clock();
    advance(4_000);
    c.togglePause();
    advance(60_000);
    expect(c.paused).toBe(true);
    expect(c.index).toBe(0);
    expect(c.progress).toBeCloseTo(0.4);
    c.togglePause();
    advance(5_999);
    expect(c.index).toBe(0);
    advance(1);
    expect(c.index).toBe(1);
  });

  it('catches up with one step after a long sleep instead of racing through panels', () => {
    const { c, advance } = clock();
    advance(95_000);
    expect(c.index).toBe(1);
  });
});
