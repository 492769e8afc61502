// The demo company's service partners (服务商): three or four local firms per region, as a national
// platform contracts them. Plausible names, not real companies.
import type { NewPartner } from '../../db';
import type { RegionId } from '../../geo/cities';

const NAMES: Record<RegionId, string[]> = {
  north: ['北京京安家电服务有限公司', '天津津鑫制冷设备安装有限公司', '石家庄恒通机电工程有限公司'],
  northeast: ['沈阳北方暖通工程有限公司', '哈尔滨冰城家电维修服务有限公司', '长春吉运机电安装有限公司'],
  east: [
    '上海申达家电服务有限公司',
    '杭州西子制冷工程有限公司',
    '南京金陵机电安装有限公司',
    '苏州工业园区优家售后服务有限公司'
  ],
  central: ['武汉江城暖通设备有限公司', '长沙湘安家电服务有限公司', '郑州中原机电安装有限公司'],
  south: [
    '广州穗安制冷工程有限公司',
    '深圳鹏城家电售后服务有限公司',
    '东莞莞通机电安装有限公司',
    '南宁绿城家电维修有限公司'
  ],
  southwest: ['成都蓉城暖通工程有限公司', '重庆山城家电服务有限公司', '昆明春城机电安装有限公司'],
  northwest: ['西安长安制冷设备有限公司', '兰州金城家电维修服务有限公司', '乌鲁木齐天山机电安装有限公司']
};

export const partnerId = (regionId: string, n: number) => `P-${regionId}-${n}`;

export const DEMO_PARTNERS: NewPartner[] = Object.entries(NAMES).flatMap(([regionId, names]) =>
  names.map((name, i) => ({ id: partnerId(regionId, i + 1), name, regionId }))
);
