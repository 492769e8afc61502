// The profit endpoint as tagged outcomes, so the page can tell "not yours" from a failure.
import { request, type Fetch } from '$lib/api/http';
import type { ProfitView } from '$realtime/profit-contract';

export type ProfitOutcome =
  | { type: 'ok'; view: ProfitView }
  | { type: 'forbidden' }
  | { type: 'failed'; status: number; message: string | null };

export interface ProfitQuery {
  from: Date;
  to: Date;
  tz: string;
  regionId?: string | null;
}

export async function fetchProfit(fetchFn: Fetch, q: ProfitQuery): Promise<ProfitOutcome> {
  const params = new URLSearchParams({ from: q.from.toISOString(), to: q.to.toISOString(), tz: q.tz });
  if (q.regionId) params.set('regionId', q.regionId);
  const res = await request<ProfitView>(fetchFn, `/api/insights/profit?${params.toString()}`);
  if (res.ok) return { type: 'ok', view: res.data };
  if (res.status === 403) return { type: 'forbidden' };
  return { type: 'failed', status: res.status, message: res.error?.message ?? null };
}
