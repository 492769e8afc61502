// The demo company's price table: one item per service type at its standard price, plus the seed's
// "urgent added order". The first four items are the seed's examples (200 × 1.0, 300 × 1.2, 400 × 1.5,
// 350 × 1.3); the rest are plausible, not real.
import { yuan } from './money';
import type { PriceItem, PriceTable } from './price-table';

const item = (
  id: string,
  serviceType: PriceItem['serviceType'],
  name: string,
  nameEn: string,
  baseYuan: number,
  difficulty: number
): PriceItem => ({ id, serviceType, name, nameEn, baseFee: yuan(baseYuan), difficulty });

export const DEMO_ITEMS: PriceItem[] = [
  item('ac_install', 'ac_install', '空调标准安装', 'Standard AC install', 200, 10_000),
  item(
    'ac_install_high',
    'ac_install_high',
    '空调安装（三楼及以上）',
    'AC install, 3rd floor or higher',
    300,
    12_000
  ),
  item(
    'equipment_commissioning',
    'equipment_commissioning',
    '复杂设备调试',
    'Complex equipment commissioning',
    400,
    15_000
  ),
  item('urgent_add_on', 'general_repair', '紧急加单', 'Urgent added order', 350, 13_000),
  item('general_repair', 'general_repair', '综合维修', 'General repair', 80, 10_000),
  item('ac_repair', 'ac_repair', '空调维修', 'AC repair', 120, 10_000),
  item('water_heater', 'water_heater', '热水器维修', 'Water heater repair', 100, 10_000),
  item('washer', 'washer', '洗衣机维修', 'Washing machine repair', 90, 10_000),
  item('fridge', 'fridge', '冰箱维修', 'Refrigerator repair', 110, 10_000),
  item('gas_stove', 'gas_stove', '燃气灶维修', 'Gas stove repair', 90, 11_000),
  item('water_purifier', 'water_purifier', '净水器安装维护', 'Water purifier service', 60, 10_000),
  item(
    'commercial_refrigeration',
    'commercial_refrigeration',
    '商用制冷维修',
    'Commercial refrigeration',
    300,
    13_000
  )
];

/** Big-city labour costs more; remote tier-3 cities in the west cost more to reach than central ones. */
export const DEMO_PRICE_TABLE: PriceTable = {
  id: 'cn-standard',
  version: 1,
  effectiveFrom: Date.parse('2026-01-01T00:00:00+08:00'),
  effectiveTo: null,
  items: DEMO_ITEMS,
  regional: {
    north: { tier1: 12_000, tier2: 11_000, tier3: 10_000 },
    northeast: { tier1: 11_000, tier2: 10_500, tier3: 10_000 },
    east: { tier1: 12_000, tier2: 11_000, tier3: 10_000 },
    central: { tier1: 11_000, tier2: 10_500, tier3: 9_500 },
    south: { tier1: 12_000, tier2: 11_000, tier3: 10_000 },
    southwest: { tier1: 11_000, tier2: 10_500, tier3: 10_500 },
    northwest: { tier1: 11_000, tier2: 10_500, tier3: 11_000 }
  },
  altitude: { aboveM: 3000, coefficient: 11_500 },
  seasons: [
    {
      id: 'north-winter',
      name: '北方冬季（采暖季）',
      regions: ['north', 'northeast', 'northwest'],
      from: '11-15',
      to: '03-15',
      coefficient: 11_000
    },
    {
      id: 'south-rainy',
      name: '南方雨季',
      regions: ['south', 'southwest'],
      from: '05-01',
      to: '09-30',
      coefficient: 10_800
    }
  ],
  urgency: { low: 10_000, normal: 10_000, high: 11_000, critical: 12_000 },
  afterHours: { window: { startMin: 20 * 60, endMin: 8 * 60 }, coefficient: 12_000 },
  crossRegion: 11_500
};
