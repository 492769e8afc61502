// City names as a few DOM labels (a symbol layer would need a glyph server). Which cities get a label is
// decided per view: the most populous first, skipping any whose label would overlap one already placed.

export interface LabelCandidate {
  id: string;
  text: string;
  lng: number;
  lat: number;
  population: number;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

export interface LabelLayout {
  /** Size of the map on screen. */
  viewport: { width: number; height: number };
  fontSize: number;
  /** Height of one label box. */
  lineHeight: number;
  /** Gap between the city dot and the start of the text. */
  offset: number;
  /** Extra space kept free around each label. */
  padding: number;
  max: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Rough text width: CJK glyphs are square, Latin ones a bit over half as wide. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff]/.test(ch) ? fontSize : fontSize * 0.6;
  return width + 12; // the label's horizontal padding
}

export function chooseLabels<T extends LabelCandidate>(
  candidates: readonly T[],
  project: (lngLat: [number, number]) => ScreenPoint,
  layout: LabelLayout
): T[] {
  const sorted = [...candidates].sort((a, b) => b.population - a.population);
  const placed: Box[] = [];
  const chosen: T[] = [];
  const half = layout.lineHeight / 2;
  const { width, height } = layout.viewport;
  for (const city of sorted) {
    if (chosen.length >= layout.max) break;
    const p = project([city.lng, city.lat]);
    const box: Box = {
      x0: p.x - layout.offset - layout.padding,
      y0: p.y - half - layout.padding,
      x1: p.x + layout.offset + estimateTextWidth(city.text, layout.fontSize) + layout.padding,
      y1: p.y + half + layout.padding
    };
    if (p.x < 0 || p.y - half < 0 || box.x1 > width || p.y + half > height) continue;
    if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
    placed.push(box);
    chosen.push(city);
  }
  return chosen;
}
