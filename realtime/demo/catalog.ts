import type { ServiceTypeId } from '../../dispatcher/work-order/service-types';

/** The demo company's fleet; DEMO_TECHNICIANS changes it (the wall at scale: 10,000). */
export const DEMO_TECHNICIANS = 2400;

// What the demo company services, and the people it employs: plausible, not real.
export const SKILLS = [
  '空调安装',
  '空调维修',
  '热水器',
  '洗衣机',
  '冰箱',
  '燃气灶',
  '净水器',
  '商用制冷',
  '高空作业',
  '电工'
] as const;

export const CERTIFICATIONS = ['电工证', '高处作业证', '制冷与空调作业证', '燃气具安装维修证'] as const;

/** A part and what one unit costs the company, in yuan: low and high across its model series. */
type PartCost = [name: string, fromYuan: number, toYuan: number];

// Rough trade prices of the parts as a depot buys them (a compressor costs a hundred times a knob).
const PART_FAMILIES: { category: string; parts: PartCost[] }[] = [
  {
    category: '空调',
    parts: [
      ['压缩机', 650, 1800],
      ['室外风机', 150, 380],
      ['电容', 15, 45],
      ['四通阀', 80, 220],
      ['遥控器', 20, 60],
      ['主板', 180, 550],
      ['铜管', 25, 90],
      ['冷媒R32', 60, 180]
    ]
  },
  {
    category: '热水器',
    parts: [
      ['加热管', 60, 180],
      ['温控器', 30, 90],
      ['镁棒', 20, 50],
      ['混水阀', 40, 120],
      ['主板', 120, 380]
    ]
  },
  {
    category: '洗衣机',
    parts: [
      ['排水泵', 40, 110],
      ['门锁', 30, 90],
      ['电机', 220, 500],
      ['皮带', 15, 40],
      ['进水阀', 25, 70]
    ]
  },
  {
    category: '冰箱',
    parts: [
      ['温控器', 30, 90],
      ['压缩机', 400, 900],
      ['门封条', 40, 120],
      ['风扇电机', 50, 150],
      ['化霜加热器', 35, 100]
    ]
  },
  {
    category: '燃气灶',
    parts: [
      ['点火针', 5, 20],
      ['电磁阀', 25, 70],
      ['炉头', 60, 200],
      ['旋钮', 5, 25]
    ]
  },
  {
    category: '净水器',
    parts: [
      ['PP棉滤芯', 30, 60],
      ['RO膜', 180, 400],
      ['活性炭滤芯', 40, 90],
      ['增压泵', 120, 280]
    ]
  },
  {
    category: '商用制冷',
    parts: [
      ['冷凝器', 900, 2500],
      ['膨胀阀', 200, 600],
      ['蒸发器风机', 350, 900],
      ['温控面板', 250, 700]
    ]
  }
];

/** Model series per part, so one part gives several SKUs as real catalogues do. */
const SERIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export interface CatalogPart {
  sku: string;
  name: string;
  category: string;
  /** What one unit may cost, low and high (fen): the seed draws each SKU's cost in it. */
  costFen: [number, number];
}

export const PART_CATALOG: CatalogPart[] = PART_FAMILIES.flatMap((family) =>
  family.parts.flatMap(([part, fromYuan, toYuan], i) =>
    SERIES.map((series) => ({
      sku: `${family.category}-${i + 1}${series}`,
      name: `${family.category}${part} ${series}系列`,
      category: family.category,
      costFen: [fromYuan * 100, toYuan * 100] as [number, number]
    }))
  )
);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉建国志红鑫斌宇浩凯健俊帆帅旭宁龙林欣佳';

export function personName(pick: (s: string) => string, twoChars: boolean): string {
  return pick(SURNAMES) + pick(GIVEN) + (twoChars ? pick(GIVEN) : '');
}

/** What customers ask for, and the kind of work it is. */
export const ORDER_REQUESTS: { description: string; serviceType: ServiceTypeId }[] = [
  { description: '空调不制冷，外机不转', serviceType: 'ac_repair' },
  { description: '新购空调安装（挂机）', serviceType: 'ac_install' },
  { description: '空调安装，三楼以上外机', serviceType: 'ac_install_high' },
  { description: '热水器不出热水', serviceType: 'water_heater' },
  { description: '洗衣机排水异常', serviceType: 'washer' },
  { description: '冰箱冷藏室结霜', serviceType: 'fridge' },
  { description: '燃气灶打不着火', serviceType: 'gas_stove' },
  { description: '净水器更换滤芯', serviceType: 'water_purifier' },
  { description: '商用冷柜温度过高', serviceType: 'commercial_refrigeration' },
  { description: '门店空调年度保养', serviceType: 'ac_repair' },
  { description: '中央空调调试', serviceType: 'equipment_commissioning' },
  { description: '空调漏水', serviceType: 'ac_repair' }
];

/**
 * Requests with a red-alert keyword (dispatcher/sla/red-alert.ts): critical from intake, a 30-minute
 * response clock and the escalation ladder's top level told at once, for the wall's SLA board.
 */
export const RED_ALERT_REQUESTS: { description: string; serviceType: ServiceTypeId }[] = [
  { description: '燃气灶旁闻到燃气泄漏的味道', serviceType: 'gas_stove' },
  { description: '热水器漏电，洗澡时手有麻感', serviceType: 'water_heater' },
  { description: '门店冷柜停机，生鲜有食品安全风险', serviceType: 'commercial_refrigeration' }
];

/** The demo company's fixed deductions for a founded complaint (yuan), taken from the technician's pay. */
export const COMPLAINT_DEDUCTIONS: { reason: string; yuan: number }[] = [
  { reason: '上门迟到超过两小时（客户投诉）', yuan: 50 },
  { reason: '未清理施工现场（客户投诉）', yuan: 30 },
  { reason: '服务态度差（客户投诉）', yuan: 100 },
  { reason: '同一故障七天内返修（客户投诉）', yuan: 200 }
];

/** Which depot parts a kind of work uses; work with none uses no parts. */
export const PART_CATEGORY_OF: Partial<Record<ServiceTypeId, string>> = {
  ac_install: '空调',
  ac_install_high: '空调',
  ac_repair: '空调',
  water_heater: '热水器',
  washer: '洗衣机',
  fridge: '冰箱',
  gas_stove: '燃气灶',
  water_purifier: '净水器',
  commercial_refrigeration: '商用制冷'
};
