// A settlement as the server sends it, for the phone's tests: 240元, 168元 of it the technician's.
import type { SettlementView } from '$realtime/contract';

export function settlementView(over: Partial<SettlementView> = {}): SettlementView {
  return {
    orderId: 'o1',
    regionId: 'east',
    technicianId: 'T00042',
    version: 1,
    status: 'quoted',
    tableId: 'cn-standard',
    tableVersion: 1,
    lines: [
      { key: 'base', label: '空调标准安装 基础服务费', basis: 20_000, factor: 10_000, amount: 20_000 },
      { key: 'regional', label: '区域系数 华东·一线城市 ×1.2', basis: 20_000, factor: 2_000, amount: 4_000 }
    ],
    total: 24_000,
    shares: { platform: 4_800, partner: 2_400, technician: 16_800 },
    technician: { share: 16_800, pending: 16_800, payable: 0, paid: 0 },
    payouts: [],
    surcharges: [],
    quotedAt: '2026-11-23T02:00:00.000Z',
    frozenAt: null,
    ...over
  };
}
