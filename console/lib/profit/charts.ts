// The echarts options of the profit view, built from the server's figures: axes in 元 (for scale), every
// tooltip exact to the fen. Colours are Okabe–Ito, bright enough on the dark wall theme.
import type { EChartsCoreOption } from 'echarts/core';
import { CHART_FONT } from '$lib/charts/font';
import { yuanText } from '$lib/money/yuan';
import type { ProfitLine } from '$realtime/profit-contract';
import type { CombinedPoint } from './combined';

export const COLORS = { revenue: '#56b4e9', cost: '#e69f00', profit: '#009e73', subsidy: '#cc79a7' };
const FONT = CHART_FONT;
const TEXT = { color: '#e2e8f0', fontFamily: FONT, fontSize: 18 };
const AXIS_LABEL = { color: '#b6c4da', fontSize: 16, fontFamily: FONT };
const SPLIT = { lineStyle: { color: '#1e2c47' } };

const yuan = (fen: number) => fen / 100;
/** Large axis values as 万 (10,000 元) or k: short enough for a wall. */
const axisYuan = (v: number) =>
  Math.abs(v) >= 10_000 ? `${Math.round(v / 1_000) / 10}万` : String(Math.round(v * 100) / 100);

export type MoneySeries = 'revenue' | 'cost' | 'profit';
export const MONEY_SERIES: MoneySeries[] = ['revenue', 'cost', 'profit'];

const base = (): EChartsCoreOption => ({
  animation: false,
  textStyle: TEXT,
  legend: { top: 0, left: 0, itemWidth: 22, itemHeight: 14, textStyle: TEXT },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true }
});

const moneyTooltip = (trigger: 'axis' | 'item') => ({
  trigger,
  textStyle: { fontSize: 18, fontFamily: FONT },
  valueFormatter: (v: unknown) => (typeof v === 'number' ? yuanText(Math.round(v * 100)) : String(v))
});

/** Revenue, cost and profit side by side per category (region, service type). */
export function moneyBars(
  categories: string[],
  rows: readonly ProfitLine[],
  seriesName: (s: MoneySeries) => string,
  horizontal = false
): EChartsCoreOption {
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { ...AXIS_LABEL, fontSize: 18, color: '#f8fafc' }
  };
  const valueAxis = { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: axisYuan }, splitLine: SPLIT };
  return {
    ...base(),
    tooltip: { ...moneyTooltip('axis'), axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
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
  seriesName: (s: MoneySeries) => string
): EChartsCoreOption {
  return {
    ...base(),
    tooltip: moneyTooltip('axis'),
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: axisYuan }, splitLine: SPLIT },
    series: MONEY_SERIES.map((s) => ({
      name: seriesName(s),
      type: 'line',
      symbolSize: 8,
      lineStyle: { width: 3 },
      itemStyle: { color: COLORS[s] },
      data: rows.map((r) => yuan(r[s]))
    }))
  };
}

/** x = SLA risk, y = revenue per technician (元), bubble area ∝ technicians, labelled by region. */
export function combinedScatter(
  points: readonly CombinedPoint[],
  regionName: (id: string) => string,
  axes: { risk: string; perTechnician: string }
): EChartsCoreOption {
  const most = Math.max(1, ...points.map((p) => p.technicians));
  return {
    ...base(),
    grid: { left: 40, right: 40, top: 32, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'item',
      textStyle: { fontSize: 18, fontFamily: FONT },
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
      nameGap: 28,
      nameTextStyle: TEXT,
      axisLabel: AXIS_LABEL,
      splitLine: SPLIT
    },
    yAxis: {
      type: 'value',
      name: axes.perTechnician,
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 56,
      nameTextStyle: TEXT,
      axisLabel: { ...AXIS_LABEL, formatter: axisYuan },
      splitLine: SPLIT
    },
    series: [
      {
        type: 'scatter',
        data: points.map((p) => [p.risk, yuan(p.revenuePerTechnician)]),
        symbolSize: (_: unknown, p: { dataIndex: number }) =>
          16 + 48 * Math.sqrt((points[p.dataIndex]?.technicians ?? 0) / most),
        itemStyle: { color: COLORS.subsidy, opacity: 0.8 },
        labelLayout: { hideOverlap: true },
        label: {
          show: true,
          position: 'top',
          ...TEXT,
          formatter: (p: { dataIndex: number }) => regionName(points[p.dataIndex]?.regionId ?? '')
        }
      }
    ]
  };
}
