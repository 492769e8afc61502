import type { DepotView, LowStockLineView } from '$realtime/contract';
import type { DepotAlert } from '$realtime/events';

/** Largest shortfall first, as the server sends them. */
const byShortfall = (a: LowStockLineView, b: LowStockLineView) =>
  b.safetyLevel - b.available - (a.safetyLevel - a.available) || a.sku.localeCompare(b.sku);

/** The depots with each alert's line put in (or replacing the line of the same SKU). */
export function withAlerts(depots: readonly DepotView[], alerts: Iterable<DepotAlert>): readonly DepotView[] {
  const byDepot = new Map<string, DepotAlert[]>();
  for (const a of alerts) byDepot.set(a.depotId, [...(byDepot.get(a.depotId) ?? []), a]);
  if (byDepot.size === 0) return depots;
  return depots.map((depot) => {
    const news = byDepot.get(depot.id);
    if (!news) return depot;
    const lines = new Map(depot.lowStock.map((l) => [l.sku, l]));
    for (const { sku, available, safetyLevel } of news) lines.set(sku, { sku, available, safetyLevel });
    const lowStock = [...lines.values()].sort(byShortfall);
    return { ...depot, lowStockCount: lowStock.length, lowStock };
  });
}
