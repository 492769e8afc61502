// The echarts options of the profit view, built from the server's figures: axes in 元 (for scale), every
// tooltip exact to the fen. Colours are Okabe–Ito, bright enough on the dark wall theme. Every size comes
// from a `ChartType`: the desk's by default, the wall's type scale on the wall.
import type { EChartsCoreOption } from 'echarts/core';
import { CHART_FONT } from '$lib/charts/font';
import { yuanText } from '$lib/money/yuan';
import type { ProfitLine } from '$realtime/profit-contract';
import type { CombinedPoint } from './combined';

export const COLORS = { revenue: '#56b4e9', cost: '#e69f00', profit: '#009e73', subsidy: '#cc79a7' };
const SPLIT = { lineStyle: { color: '#1e2c47' } };

/** The CSS px a chart draws its text at; legend keys, margins, lines and bubbles grow with it. */
export interface ChartType {
  /** axis ticks: read second */
  tick: number;
  /** what a reader looks for first: categories, legend, axis names, bubble labels, tooltips */
  text: number;
}

/** A desk at arm's length. */
export const DESK_TYPE: ChartType = { tick: 16, text: 18 };

/** The wall's type scale (`--label-size`): ticks at the wall's label size, names a third larger. */
function wallChartType(labelSize: number): ChartType {
  return { tick: Math.round(labelSize), text: Math.round((labelSize * 4) / 3) };
}

/** The wall's chart type from the computed style of an element on it; the desk's without a wall scale. */
export function chartTypeOf(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): ChartType {
  const labelSize = parseFloat(style.getPropertyValue('--label-size'));
  return labelSize > 0 ? wallChartType(labelSize) : DESK_TYPE;
}

/** Desk sizes were drawn at 18 px text: everything that is not text keeps its proportion to it. */
const scaled = (type: ChartType, px: number) => Math.round((px * type.text) / DESK_TYPE.text);
const textStyle = (type: ChartType) => ({ color: '#e2e8f0', fontFamily: CHART_FONT, fontSize: type.text });
const tickStyle = (type: ChartType) => ({ color: '#b6c4da', fontFamily: CHART_FONT, fontSize: type.tick });

const yuan = (fen: number) => fen / 100;
/** Large axis values as 万 (10,000 元) or k: short enough for a wall. */
const axisYuan = (v: number) =>
  Math.abs(v) >= 10_000 ? `${Math.round(v / 1_000) / 10}万` : String(Math.round(v * 100) / 100);

export type MoneySeries = 'revenue' | 'cost' | 'profit';
export const MONEY_SERIES: MoneySeries[] = ['revenue', 'cost', 'profit'];

type Margins = Partial<Record<'left' | 'right' | 'top' | 'bottom', number>>;

// The grid's margins bound its axis labels and names too (echarts' `outerBounds`), so neither is clipped.
const base = (type: ChartType, margins: Margins = {}): EChartsCoreOption => ({
  animation: false,
  textStyle: textStyle(type),
  legend: {
    top: 0,
    left: 0,
    itemWidth: scaled(type, 22),
    itemHeight: scaled(type, 14),
    textStyle: textStyle(type)
  },
  grid: {
    left: scaled(type, 8),
    right: scaled(type, 16),
    top: scaled(type, 40),
    bottom: scaled(type, 8),
    ...margins,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all'
  }
});

const tooltip = (type: ChartType, trigger: 'axis' | 'item') => ({
  trigger,
  textStyle: { fontSize: type.text, fontFamily: CHART_FONT }
});

const moneyTooltip = (type: ChartType, trigger: 'axis' | 'item') => ({
  ...tooltip(type, trigger),
  valueFormatter: (v: unknown) => (typeof v === 'number' ? yuanText(Math.round(v * 100)) : String(v))
});

const valueAxis = (type: ChartType) => ({
  type: 'value',
  axisLabel: { ...tickStyle(type), formatter: axisYuan },
  splitLine: SPLIT
});

/** Revenue, cost and profit side by side per category (region, service type). */
export function moneyBars(
  categories: string[],
  rows: readonly ProfitLine[],
  seriesName: (s: MoneySeries) => string,
  { horizontal = false, type = DESK_TYPE }: { horizontal?: boolean; type?: ChartType } = {}
): EChartsCoreOption {
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { ...textStyle(type), color: '#f8fafc' }
  };
  return {
    ...base(type),
    tooltip: { ...moneyTooltip(type, 'axis'), axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? valueAxis(type) : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis(type),
    series: MONEY_SERIES.map((s) => ({
      name: seriesName(s),
      type: 'bar',
      itemStyle: { color: COLORS[s] },
      data: rows.map((r) => yuan(r[s]))
    }))
  };
}

/** Revenue, cost and profit per day: one line each. */
export function trendLines(
  days: string[],
  rows: readonly ProfitLine[],
  seriesName: (s: MoneySeries) => string,
  type = DESK_TYPE
): EChartsCoreOption {
  return {
    ...base(type),
    tooltip: moneyTooltip(type, 'axis'),
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), axisLabel: tickStyle(type) },
    yAxis: valueAxis(type),
    series: MONEY_SERIES.map((s) => ({
      name: seriesName(s),
      type: 'line',
      symbolSize: scaled(type, 8),
      lineStyle: { width: scaled(type, 3) },
      itemStyle: { color: COLORS[s] },
      data: rows.map((r) => yuan(r[s]))
    }))
  };
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * x = SLA risk, y = revenue per technician (元), bubble area ∝ technicians, labelled by region. Regions
 * often share a spot (several at risk 0): each name sits beside its bubble, away from the middle, and names
 * that would collide are moved apart vertically with a line back to their bubble, so every region keeps
 * its name. The axes leave half the largest bubble free at their ends, so no bubble or name is cut off.
 */
export function combinedScatter(
  points: readonly CombinedPoint[],
  regionName: (id: string) => string,
  axes: { risk: string; perTechnician: string },
  type = DESK_TYPE
): EChartsCoreOption {
  const most = Math.max(1, ...points.map((p) => p.technicians));
  const size = (p: CombinedPoint) => scaled(type, 16 + 48 * Math.sqrt(p.technicians / most));
  const largest = Math.max(0, ...points.map(size));
  const maxRisk = Math.max(0, ...points.map((p) => p.risk));
  return {
    ...base(type, { right: largest / 2 + type.text, top: largest / 2 + type.text }),
    tooltip: {
      ...tooltip(type, 'item'),
      formatter: (p: { dataIndex: number }) => {
        const point = points[p.dataIndex];
        return point
          ? `${regionName(point.regionId)}<br>${axes.risk} ${point.risk.toFixed(1)}<br>${axes.perTechnician} ${yuanText(point.revenuePerTechnician)}<br>👷 ${point.technicians}`
          : '';
      }
    },
    xAxis: {
      type: 'value',
      name: axes.risk,
      nameLocation: 'middle',
      nameGap: scaled(type, 8),
      nameTextStyle: textStyle(type),
      // A little room left of risk 0, where bubbles pile up, without a negative tick.
      min: -Math.max(maxRisk, 1) * 0.06,
      axisLabel: { ...tickStyle(type), showMinLabel: false },
      splitLine: SPLIT
    },
    yAxis: {
      type: 'value',
      name: axes.perTechnician,
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: scaled(type, 8),
      nameTextStyle: textStyle(type),
      axisLabel: { ...tickStyle(type), formatter: axisYuan },
      splitLine: SPLIT
    },
    series: [
      {
        type: 'scatter',
        data: points.map((p) => ({ value: [p.risk, yuan(p.revenuePerTechnician)], symbolSize: size(p) })),
        itemStyle: { color: COLORS.subsidy, opacity: 0.8 },
        // A name placed by position alone would be put back beside its bubble after being moved: an
        // explicit x and y let `shiftY` move it.
        labelLayout: (label: { dataIndex: number; rect: Rect }) => {
          const left = (points[label.dataIndex]?.risk ?? 0) > maxRisk / 2;
          const gap = type.tick / 2;
          return {
            x: left ? label.rect.x - gap : label.rect.x + label.rect.width + gap,
            y: label.rect.y + label.rect.height / 2,
            align: left ? 'right' : 'left',
            verticalAlign: 'middle',
            moveOverlap: 'shiftY'
          };
        },
        labelLine: { show: true, lineStyle: { color: '#b6c4da', width: scaled(type, 1) } },
        label: {
          show: true,
          ...textStyle(type),
          formatter: (p: { dataIndex: number }) => regionName(points[p.dataIndex]?.regionId ?? '')
        }
      }
    ]
  };
}
