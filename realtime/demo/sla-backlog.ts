// The demo's backlog: a few orders from the far west that nobody within reach can take (no technician
// within 200 km of Ngari), opened hours before the demo started, so that the wall shows escalations
// climbing within minutes instead of hours: level 1, 2 and 3 of the default ladder each come due a few
// minutes after the start, on the real ladder and the real timers. Seeded once, with the demo company.
import { moveWorkOrders, type Database } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { HOUR, MINUTE } from '../../dispatcher/sla/time';
import type { SlaEngine } from '../sla/engine';
import { SlaUpdate } from '../sla/update';
import type { WorkOrderService } from '../services/work-orders';

/** 阿里地区 (Ngari), western Tibet: inside the south-west region, far beyond any technician's radius. */
const NGARI = { lng: 80.1, lat: 32.5 };

/**
 * How long ago each order came in. A high-priority response clock breaches after 1 h, and the default
 * ladder's levels follow the breach by 1, 3 and 5 h: each age brings one level due `minutes` from now.
 */
export const BACKLOG = [
  { level: 1, minutes: 3 },
  { level: 2, minutes: 6 },
  { level: 3, minutes: 9 }
].map(({ level, minutes }) => ({ level, ageMs: 1 * HOUR + (2 * level - 1) * HOUR - minutes * MINUTE }));

export async function seedSlaBacklog(deps: {
  db: Database;
  orders: WorkOrderService;
  sla: SlaEngine;
  clock: Clock;
}): Promise<string[]> {
  const { db, orders, sla, clock } = deps;
  const ids: string[] = [];
  for (const [i, { ageMs }] of BACKLOG.entries()) {
    const { order } = await orders.create(
      { kind: 'system', name: 'demo' },
      {
        channel: 'customer_profile',
        serviceType: 'general_repair',
        priority: 'high',
        description: '牧区卫生院冷链冰箱停机，附近无可派技师',
        customer: {
          name: `阿里卫生院 ${i + 1}`,
          phone: `1380000000${i}`,
          address: '西藏阿里地区噶尔县狮泉河镇',
          location: { lng: NGARI.lng + i * 0.01, lat: NGARI.lat }
        },
        parts: [],
        fields: {}
      }
    );
    const id = order.order.id;
    const effects = await db.transaction(async (tx) => {
      const state = await sla.store.lock(tx, id);
      if (!state) throw new Error(`order ${id} has no SLA`);
      const at = clock.now().getTime();
      const started = at - ageMs;
      const clocks = Object.fromEntries(
        Object.entries(state.clocks).map(([metric, c]) => [metric, { ...c, startedAt: started }])
      ) as typeof state.clocks;
      await moveWorkOrders(tx, [id], { createdAt: new Date(started) });
      const update = new SlaUpdate(state, { ...state, clocks, statusSince: started }, 'system:demo', at);
      return sla.store.save(tx, update);
    });
    // The timers it now has came due while "nobody acted": the engine fires them in order, once.
    sla.publish(effects);
    ids.push(id);
  }
  return ids;
}
