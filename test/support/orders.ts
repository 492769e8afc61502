// What the order tests do over and over: create an order in Shanghai, read it back, call the API.
import { and, eq, sql } from 'drizzle-orm';
import { schema, type DatabaseHandle } from '../../db';
import type { CreateWorkOrderInput } from '../../realtime/schemas/work-order';
import { techId, techUsername } from '../../realtime/demo/seed';
import { login, type TestServer } from './app';

export const SHANGHAI = { lng: 121.47, lat: 31.23 };

export const orderInput = (over: Partial<CreateWorkOrderInput> = {}): CreateWorkOrderInput => ({
  channel: 'api',
  serviceType: 'ac_repair',
  priority: 'normal',
  description: '空调不制冷',
  customer: { name: '赵六', phone: '13600136000', address: '上海', location: SHANGHAI },
  parts: [],
  fields: {},
  ...over
});

export function orderTools(handle: () => DatabaseHandle, server: () => TestServer) {
  const api = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server().base}/api${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const order = async (id: string) =>
    (await handle().db.select().from(schema.workOrders).where(eq(schema.workOrders.id, id)))[0];
  return {
    create: async (over: Partial<CreateWorkOrderInput> = {}) =>
      (await server().app.orders.create({ kind: 'system', name: 'test' }, orderInput(over))).order.order,
    order,
    api,
    /** A supervisor's assignment to `technicianId`, whatever the order's version and any soft rule; the status. */
    assign: async (cookie: string, id: string, technicianId: string) =>
      (
        await api(cookie, 'PUT', `/work-orders/${id}/assignment`, {
          technicianId,
          expectedVersion: (await order(id))?.version ?? 0,
          reason: 'test',
          confirmViolations: true
        })
      ).status,
    /** A supervisor assigns demo technician `n`, whose phone takes the order through to completion. */
    async complete(supervisor: string, orderId: string, n: number): Promise<void> {
      const assigned = await api(supervisor, 'PUT', `/work-orders/${orderId}/assignment`, {
        technicianId: techId(n),
        expectedVersion: (await order(orderId))?.version,
        reason: 'test',
        confirmViolations: true
      });
      if (assigned.status !== 200) throw new Error(`assignment → ${assigned.status}`);
      const phone = await login(server().base, techUsername(n));
      for (const action of ['accept', 'depart', 'arrive', 'complete']) {
        const r = await api(phone, 'POST', `/work-orders/${orderId}/transitions`, { action });
        if (r.status !== 200) throw new Error(`${action} → ${r.status}`);
      }
    }
  };
}

/** A depot line in the city with at least `min` units free to reserve. */
export async function stockedIn(handle: DatabaseHandle, cityId: string, min: number) {
  const [row] = await handle.db
    .select({ depotId: schema.depotStock.depotId, sku: schema.depotStock.sku })
    .from(schema.depotStock)
    .innerJoin(schema.depots, eq(schema.depots.id, schema.depotStock.depotId))
    .where(
      and(
        eq(schema.depots.cityId, cityId),
        sql`${schema.depotStock.onHand} - ${schema.depotStock.reserved} >= ${min}`
      )
    )
    .limit(1);
  if (!row) throw new Error(`no stock in ${cityId}`);
  return row;
}
