// The pricing rules, in the order they apply. Each rule looks at the order's facts and the price table
// and names what applies (a fee, or a coefficient on the labour so far) without doing any arithmetic;
// quote.ts turns the steps into lines. Keeping the decisions apart from the arithmetic lets the
// benchmark run the very same rules with another number type.
import { REGIONS, type RegionId } from '../../geo/cities';
import { isOnShift } from '../fleet/shift';
import type { Party } from '../settlement/party';
import type { EpochMs } from '../sla/time';
import type { OrderPriority } from '../work-order/intake';
import { BP_ONE, formatCoefficient, type Bp, type Fen } from './money';
import type { CityTier, PriceItem, PriceTable, SeasonWindow } from './price-table';

/** A part fitted on the job, charged at cost and paid back to whoever supplied it. */
export interface PartUsed {
  sku: string;
  name: string;
  quantity: number;
  unitCost: Fen;
  supplier: Party;
}

/** What a quote depends on; everything else about the order does not change its price. */
export interface QuoteFacts {
  itemId: string;
  regionId: RegionId;
  cityTier: CityTier;
  /** Metres above sea level at the service address; null when unknown (no altitude surcharge). */
  altitudeM: number | null;
  /** When the work is done (the appointment, else the dispatch instant): seasons and after hours. */
  serviceAt: EpochMs;
  priority: OrderPriority;
  /** The assigned technician's home region; null before anyone is assigned. */
  technicianRegionId: RegionId | null;
  parts: PartUsed[];
}

export const LINE_KEYS = [
  'base',
  'difficulty',
  'regional',
  'altitude',
  'season',
  'urgency',
  'after_hours',
  'cross_region',
  'parts'
] as const;
/** The English key of a line (for the message catalogue); its `label` is the Chinese text. */
export type LineKey = (typeof LINE_KEYS)[number];

/**
 * A fee adds to the labour; a coefficient multiplies the labour reached so far; an at-cost charge (a
 * part) is passed through untouched and paid back to its supplier, outside the split.
 */
export type PricingStep =
  | { type: 'fee'; key: LineKey; label: string; amount: Fen }
  | { type: 'coefficient'; key: LineKey; label: string; coefficient: Bp }
  | { type: 'at-cost'; key: LineKey; label: string; unitCost: Fen; quantity: number; supplier: Party };

interface RuleInput {
  table: PriceTable;
  item: PriceItem;
  facts: QuoteFacts;
}
type PricingRule = (input: RuleInput) => PricingStep[];

const CST_OFFSET_MS = 8 * 3_600_000;
/** 'MM-DD' of the Beijing date at `at`. */
function localMonthDay(at: EpochMs): string {
  return new Date(at + CST_OFFSET_MS).toISOString().slice(5, 10);
}

function inSeason(window: Pick<SeasonWindow, 'from' | 'to'>, at: EpochMs): boolean {
  const day = localMonthDay(at);
  return window.from <= window.to
    ? window.from <= day && day <= window.to
    : day >= window.from || day <= window.to;
}

const regionName = (id: RegionId) => REGIONS.find((r) => r.id === id)?.name ?? id;
const TIER_NAMES: Record<CityTier, string> = { 1: '一线城市', 2: '二线城市', 3: '三线及以下' };
const PRIORITY_NAMES: Record<OrderPriority, string> = {
  low: '低',
  normal: '普通',
  high: '加急',
  critical: '特急'
};

const coefficient = (key: LineKey, label: string, value: Bp): PricingStep => ({
  type: 'coefficient',
  key,
  label: `${label} ${formatCoefficient(value)}`,
  coefficient: value
});

/**
 * Base fee first, then the item's difficulty, then the place (region and tier, altitude), the time
 * (seasons, urgency, after hours), who serves (cross-region subsidy), and last the parts, which are at
 * cost and so take no coefficient. Each coefficient compounds on the labour subtotal before it.
 */
export const PRICING_RULES: readonly PricingRule[] = [
  ({ item }) => [{ type: 'fee', key: 'base', label: `${item.name} 基础服务费`, amount: item.baseFee }],
  ({ item }) => [coefficient('difficulty', '难度系数', item.difficulty)],
  ({ table, facts: { regionId, cityTier } }) => [
    coefficient(
      'regional',
      `区域系数 ${regionName(regionId)}·${TIER_NAMES[cityTier]}`,
      table.regional[regionId][`tier${cityTier}`]
    )
  ],
  ({ table: { altitude }, facts }) =>
    facts.altitudeM !== null && facts.altitudeM > altitude.aboveM
      ? [coefficient('altitude', `高海拔（${altitude.aboveM} 米以上）`, altitude.coefficient)]
      : [],
  ({ table, facts }) =>
    table.seasons
      .filter((s) => s.regions.includes(facts.regionId) && inSeason(s, facts.serviceAt))
      .map((s) => coefficient('season', `季节 ${s.name}`, s.coefficient)),
  ({ table, facts }) => [
    coefficient('urgency', `紧急程度 ${PRIORITY_NAMES[facts.priority]}`, table.urgency[facts.priority])
  ],
  ({ table: { afterHours }, facts }) =>
    isOnShift(afterHours.window, new Date(facts.serviceAt))
      ? [coefficient('after_hours', '非工作时间', afterHours.coefficient)]
      : [],
  ({ table, facts }) =>
    facts.technicianRegionId !== null && facts.technicianRegionId !== facts.regionId
      ? [
          coefficient(
            'cross_region',
            `跨区域服务补贴（${regionName(facts.technicianRegionId)}→${regionName(facts.regionId)}）`,
            table.crossRegion
          )
        ]
      : [],
  ({ facts }) =>
    facts.parts.map((p) => ({
      type: 'at-cost',
      key: 'parts',
      label: `配件 ${p.name}（${p.sku}）×${p.quantity}`,
      unitCost: p.unitCost,
      quantity: p.quantity,
      supplier: p.supplier
    }))
];

export type StepsResult =
  { type: 'steps'; item: PriceItem; steps: PricingStep[] } | { type: 'unknown-item'; itemId: string };

/** What applies to an order under a table, in order; coefficients of exactly ×1 are left out (no line). */
export function pricingSteps(table: PriceTable, facts: QuoteFacts): StepsResult {
  const item = table.items.find((i) => i.id === facts.itemId);
  if (!item) return { type: 'unknown-item', itemId: facts.itemId };
  // Loops rather than flatMap and filter: this runs for every quote, and flatMap cost more than the rules.
  const steps: PricingStep[] = [];
  for (const rule of PRICING_RULES)
    for (const step of rule({ table, item, facts }))
      if (step.type !== 'coefficient' || step.coefficient !== BP_ONE) steps.push(step);
  return { type: 'steps', item, steps };
}
