// Kinds of work and what a technician needs to do them. Data until templates carry it per company.
export interface ServiceType {
  name: string;
  nameEn: string;
  skills: string[];
  certifications: string[];
}

export const SERVICE_TYPES = {
  general_repair: { name: '综合维修', nameEn: 'General repair', skills: [], certifications: [] },
  ac_install: { name: '空调安装', nameEn: 'AC install', skills: ['空调安装'], certifications: [] },
  ac_install_high: {
    name: '空调安装（三楼及以上）',
    nameEn: 'AC install, 3rd floor or higher',
    skills: ['空调安装', '高空作业'],
    certifications: ['高处作业证']
  },
  ac_repair: { name: '空调维修', nameEn: 'AC repair', skills: ['空调维修'], certifications: [] },
  water_heater: { name: '热水器维修', nameEn: 'Water heater', skills: ['热水器'], certifications: [] },
  washer: { name: '洗衣机维修', nameEn: 'Washing machine', skills: ['洗衣机'], certifications: [] },
  fridge: { name: '冰箱维修', nameEn: 'Refrigerator', skills: ['冰箱'], certifications: [] },
  gas_stove: {
    name: '燃气灶维修',
    nameEn: 'Gas stove',
    skills: ['燃气灶'],
    certifications: ['燃气具安装维修证']
  },
  water_purifier: { name: '净水器', nameEn: 'Water purifier', skills: ['净水器'], certifications: [] },
  commercial_refrigeration: {
    name: '商用制冷',
    nameEn: 'Commercial refrigeration',
    skills: ['商用制冷'],
    certifications: ['制冷与空调作业证']
  },
  equipment_commissioning: {
    name: '复杂设备调试',
    nameEn: 'Equipment commissioning',
    skills: ['电工'],
    certifications: ['电工证']
  }
} as const satisfies Record<string, ServiceType>;

export type ServiceTypeId = keyof typeof SERVICE_TYPES;
export const SERVICE_TYPE_IDS = Object.keys(SERVICE_TYPES) as [ServiceTypeId, ...ServiceTypeId[]];
