import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application, so two apps in one test process do not share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    sockets: new Gauge({
      name: 'dispatch_sockets_connected',
      help: 'Socket.IO clients connected here',
      registers: [registry]
    }),
    technicians: new Gauge({
      name: 'dispatch_technicians',
      help: 'Technicians by status',
      labelNames: ['status'],
      registers: [registry]
    }),
    ordersCreated: new Counter({
      name: 'dispatch_orders_created_total',
      help: 'Work orders created',
      registers: [registry]
    })
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
