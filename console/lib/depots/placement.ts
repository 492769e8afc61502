// Where the depot diamonds go on screen. They are DOM elements over the map, not a canvas layer, so that
// they sit above the city labels (DOM too) and their counts are crisp text in the page's font.
import type { DepotView } from '$realtime/contract';

export interface PlacedDepot {
  depot: DepotView;
  x: number;
  y: number;
}

/** What an alert diamond shows: at most two digits fit inside it. */
export const countLabel = (count: number): string => (count > 99 ? '99+' : String(count));

/** Half the largest diamond: one whose centre is just off screen still shows its edge. */
const MARGIN = 30;

/**
 * The depots inside the view, healthy ones first and the most lines short last: where diamonds overlap,
 * the worst alarm is drawn on top.
 */
export function placeDepots(
  depots: readonly DepotView[],
  project: (lngLat: [number, number]) => { x: number; y: number },
  viewport: { width: number; height: number }
): PlacedDepot[] {
  const placed: PlacedDepot[] = [];
  for (const depot of depots) {
    const { x, y } = project([depot.location.lng, depot.location.lat]);
    if (x < -MARGIN || y < -MARGIN || x > viewport.width + MARGIN || y > viewport.height + MARGIN) continue;
    placed.push({ depot, x, y });
  }
  return placed.sort((a, b) => a.depot.lowStockCount - b.depot.lowStockCount);
}
