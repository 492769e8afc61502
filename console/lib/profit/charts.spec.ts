import { describe, expect, it } from 'vitest';
import type { ProfitLine } from '$realtime/profit-contract';
import { chartTypeOf, combinedScatter, DESK_TYPE, moneyBars, trendLines, type ChartType } from './charts';
import type { CombinedPoint } from './combined';

/** What `getComputedStyle` answers for an element under the given CSS custom properties. */
const styleWith = (vars: Record<string, string>) => ({
  getPropertyValue: (name: string) => vars[name] ?? ''
});
const line = (revenue: number) => ({ revenue, cost: revenue / 2, profit: revenue / 2 }) as ProfitLine;
const series = (s: string) => s;

interface Text {
  fontSize: number;
}
interface Built {
  legend: { textStyle: Text; itemHeight: number };
  tooltip: { textStyle: Text };
  xAxis: { axisLabel: Text; nameTextStyle?: Text };
  yAxis: { axisLabel: Text; nameTextStyle?: Text };
  grid: { top: number; right: number };
  series: {
    symbolSize?: number;
    data: { symbolSize: number }[];
    label?: Text;
    labelLayout: (label: { dataIndex: number; rect: Rect }) => Record<string, unknown>;
  }[];
}
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const built = (option: unknown) => option as Built;

const regionBars = (type: ChartType) =>
  built(moneyBars(['华东', '华北'], [line(100_000), line(50_000)], series, { type }));

describe('the profit charts on the wall', () => {
  // The rotating wall's type scale at 1920×1080 (the page zooms it ×2 at 3840×2160).
  const wall = chartTypeOf(styleWith({ '--label-size': '22px' }));

  it('draws region names, legend and tooltip larger than the wall’s labels, and ticks at their size', () => {
    const option = regionBars(wall);
    expect(option.xAxis.axisLabel.fontSize).toBeGreaterThanOrEqual(28);
    expect(option.legend.textStyle.fontSize).toBeGreaterThanOrEqual(28);
    expect(option.tooltip.textStyle.fontSize).toBeGreaterThanOrEqual(28);
    expect(option.yAxis.axisLabel.fontSize).toBeGreaterThanOrEqual(22);
  });

  it('does not fall back to the desk’s sizes, and grows the legend keys and the margin for it', () => {
    const desk = regionBars(DESK_TYPE);
    const onWall = regionBars(wall);
    expect(onWall.xAxis.axisLabel.fontSize).toBeGreaterThan(desk.xAxis.axisLabel.fontSize);
    expect(onWall.yAxis.axisLabel.fontSize).toBeGreaterThan(desk.yAxis.axisLabel.fontSize);
    expect(onWall.legend.itemHeight).toBeGreaterThan(desk.legend.itemHeight);
    expect(onWall.grid.top).toBeGreaterThan(desk.grid.top);
  });

  it('follows the wall’s smaller label size on a narrower screen', () => {
    const narrow = chartTypeOf(styleWith({ '--label-size': '20px' }));
    expect(regionBars(narrow).yAxis.axisLabel.fontSize).toBe(20);
    expect(regionBars(narrow).xAxis.axisLabel.fontSize).toBeLessThan(
      regionBars(wall).xAxis.axisLabel.fontSize
    );
  });

  it('keeps the desk’s sizes where the page has no wall type scale', () => {
    expect(chartTypeOf(styleWith({}))).toEqual(DESK_TYPE);
    expect(regionBars(DESK_TYPE).yAxis.axisLabel.fontSize).toBe(16);
    expect(regionBars(DESK_TYPE).xAxis.axisLabel.fontSize).toBe(18);
  });

  it('sizes the trend and the bubble chart from the same type', () => {
    const trend = built(trendLines(['2026-12-01'], [line(1)], series, wall));
    expect(trend.xAxis.axisLabel.fontSize).toBe(wall.tick);
    const scatter = built(combinedScatter([point('east', 0, 10)], (id) => id, AXES, wall));
    expect(scatter.series[0]?.label?.fontSize).toBe(wall.text);
    expect(scatter.xAxis.nameTextStyle?.fontSize).toBe(wall.text);
  });
});

const AXES = { risk: 'risk', perTechnician: 'per technician' };
const point = (regionId: string, risk: number, technicians: number): CombinedPoint => ({
  regionId,
  risk,
  technicians,
  revenuePerTechnician: 25_000,
  reading: 'healthy'
});

describe('the bubble chart’s region names', () => {
  const points = [
    point('east', 0, 40),
    point('north', 0, 30),
    point('west', 0, 10),
    point('southwest', 6, 20)
  ];
  const option = built(combinedScatter(points, (id) => id, AXES));
  const layout = option.series[0]?.labelLayout;
  const rect = { x: 100, y: 50, width: 40, height: 40 };

  it('moves names of bubbles on the same spot apart instead of stacking or hiding them', () => {
    const placed = points.map((_, dataIndex) => layout?.({ dataIndex, rect }));
    for (const p of placed) {
      expect(p).toMatchObject({ moveOverlap: 'shiftY', verticalAlign: 'middle', y: 70 });
      expect(p).not.toHaveProperty('hideOverlap', true);
    }
  });

  it('puts each name beside its bubble, on the side toward the middle of the chart', () => {
    expect(layout?.({ dataIndex: 0, rect })).toMatchObject({ align: 'left' });
    expect(Number(layout?.({ dataIndex: 0, rect })?.x)).toBeGreaterThan(rect.x + rect.width);
    expect(layout?.({ dataIndex: 3, rect })).toMatchObject({ align: 'right' });
    expect(Number(layout?.({ dataIndex: 3, rect })?.x)).toBeLessThan(rect.x);
  });

  it('leaves room above and right of the plot for half the largest bubble and a name', () => {
    const largest = Math.max(...option.series[0]!.data.map((d) => d.symbolSize));
    expect(option.grid.top).toBeGreaterThanOrEqual(largest / 2 + DESK_TYPE.text);
    expect(option.grid.right).toBeGreaterThanOrEqual(largest / 2);
  });
});
