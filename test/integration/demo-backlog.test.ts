import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { SlaBoard } from '../../realtime/contract';
import { seedSlaBacklog } from '../../realtime/demo/sla-backlog';
import { login, seed, startServer, TEST_NOW, type TestServer } from '../support/app';
import { backends } from '../support/backends';

const MINUTE = 60_000;

describe.each(backends('the demo backlog test'))('the demo backlog on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let server: TestServer;
  let now = TEST_NOW;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    ({ handle, cleanup } = await open());
    await seed(handle);
    server = await startServer(handle, { clock });
  });
  afterAll(async () => {
    await server.close();
    await cleanup();
  });

  it('opens orders nobody can reach whose escalations climb a level every few minutes', async () => {
    const ids = await seedSlaBacklog({
      db: handle.db,
      orders: server.app.orders,
      sla: server.app.sla,
      clock
    });
    const cookie = await login(server.base, 'admin');
    const levelsAt = async (minutes: number) => {
      now = new Date(TEST_NOW.getTime() + minutes * MINUTE);
      await server.app.sla.tick();
      const res = await fetch(`${server.base}/api/sla/board`, { headers: { cookie } });
      const board = (await res.json()) as SlaBoard;
      return ids.map((id) => board.rows.find((r) => r.orderId === id)?.escalation?.level);
    };

    // At the start every order is long breached; the levels that came due while "nobody acted" fired.
    expect(await levelsAt(0)).toEqual([0, 1, 2]);
    expect(await levelsAt(3)).toEqual([1, 1, 2]);
    expect(await levelsAt(6)).toEqual([1, 2, 2]);
    expect(await levelsAt(9)).toEqual([1, 2, 3]);
    const board = (await (
      await fetch(`${server.base}/api/sla/board`, { headers: { cookie } })
    ).json()) as SlaBoard;
    expect(board.rows.filter((r) => ids.includes(r.orderId)).every((r) => r.band === 'breached')).toBe(true);
  });
});
