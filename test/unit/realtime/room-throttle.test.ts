import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomThrottle } from '../../../realtime/socket/room-throttle';

describe('the room throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first notice at once and folds a burst into one per room per interval', () => {
    const sent: [string, string[]][] = [];
    const throttle = new RoomThrottle(2000, (room, items) => sent.push([room, items]));
    throttle.note('exec', 'east');
    throttle.note('region:east', 'east');
    expect(sent).toEqual([
      ['exec', ['east']],
      ['region:east', ['east']]
    ]);
    for (const region of ['north', 'east', 'north']) throttle.note('exec', region);
    throttle.note('region:east', 'east');
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(2000);
    expect(sent.slice(2)).toEqual([
      ['exec', ['north', 'east']],
      ['region:east', ['east']]
    ]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(4);
    throttle.note('exec', 'south');
    expect(sent[4]).toEqual(['exec', ['south']]);
  });

  it('sends nothing after it stopped', () => {
    const sent: string[] = [];
    const throttle = new RoomThrottle(2000, (room) => sent.push(room));
    throttle.note('exec', 'east');
    throttle.note('exec', 'north');
    throttle.stop();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['exec']);
  });
});
