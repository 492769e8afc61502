import { describe, expect, it } from 'vitest';
import type { StockLeft } from '../../../db';
import { stockAlerts } from '../../../realtime/services/stock-alerts';

const at = new Date('2026-03-01T08:00:00Z');
const reservation = { orderId: 'o-1', actor: 'system:dispatcher', at };
const line = (over: Partial<StockLeft>): StockLeft => ({
  depotId: 'D-shanghai-1',
  regionId: 'east',
  sku: '空调-1A',
  available: 10,
  safetyLevel: 5,
  ...over
});

describe('stock alerts from a reservation', () => {
  it('says nothing while every line reserved from stays at or above its safety level', () => {
    expect(
      stockAlerts([line({ available: 5 }), line({ sku: '空调-2A', available: 9 })], reservation)
    ).toEqual({
      events: [],
      alerts: []
    });
  });

  it('stores one audit event per line that went below safety, naming the order', () => {
    const { events } = stockAlerts(
      [line({ available: 4 }), line({ sku: '空调-2A', available: 6 })],
      reservation
    );
    expect(events).toEqual([
      {
        type: 'stock.below_safety',
        aggregateType: 'depot',
        aggregateId: 'D-shanghai-1',
        actor: 'system:dispatcher',
        payload: {
          before: null,
          after: { depotId: 'D-shanghai-1', regionId: 'east', sku: '空调-1A', available: 4, safetyLevel: 5 },
          reason: 'reserved for order o-1'
        }
      }
    ]);
  });

  it('alerts the depot’s region with each low line and when it happened', () => {
    const { alerts } = stockAlerts(
      [
        line({ available: 0 }),
        line({ depotId: 'D-beijing-1', regionId: 'north', sku: '冰箱-2B', available: 2, safetyLevel: 3 })
      ],
      reservation
    );
    expect(alerts).toEqual([
      {
        depotId: 'D-shanghai-1',
        regionId: 'east',
        sku: '空调-1A',
        available: 0,
        safetyLevel: 5,
        at: '2026-03-01T08:00:00.000Z'
      },
      {
        depotId: 'D-beijing-1',
        regionId: 'north',
        sku: '冰箱-2B',
        available: 2,
        safetyLevel: 3,
        at: '2026-03-01T08:00:00.000Z'
      }
    ]);
  });
});
