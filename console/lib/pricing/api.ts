// The price table editor's calls, each answered as a tagged outcome so the editor handles a stale version
// (409), refused fields (422), a change waiting for approval (202) and the rest with a `switch`.
import type { ChangeRequestView, PricePreview, PriceTableView, RegionChangeResult } from '$realtime/contract';
import { request, type ApiResult, type Fetch } from '$lib/api/http';

export type Tiers = Record<'tier1' | 'tier2' | 'tier3', number>;
export const TIERS = ['tier1', 'tier2', 'tier3'] as const satisfies readonly (keyof Tiers)[];
/** The sample order's facts, as `POST /api/pricing/preview` takes them. */
export type SampleFacts = {
  itemId: string;
  regionId: string;
  cityTier: 1 | 2 | 3;
  altitudeM: number | null;
  serviceAt: number;
  priority: 'low' | 'normal' | 'high' | 'critical';
  technicianRegionId: string | null;
  parts: { sku: string; name: string; quantity: number; unitCost: number; supplier: 'platform' }[];
};

export type Outcome<T> =
  | { type: 'ok'; data: T }
  | { type: 'conflict'; message: string }
  | { type: 'invalid'; fields: { path: string; message: string }[] }
  | { type: 'forbidden' }
  | { type: 'failed'; message: string };

function toOutcome<T>(res: ApiResult<T>): Outcome<T> {
  if (res.ok) return { type: 'ok', data: res.data };
  if (res.status === 409) return { type: 'conflict', message: res.error?.message ?? '' };
  if (res.status === 422) return { type: 'invalid', fields: res.error?.fields ?? [] };
  if (res.status === 403) return { type: 'forbidden' };
  return { type: 'failed', message: res.error?.message ?? String(res.status) };
}

/** A region's coefficients in a table (any region id the server sent). */
export const tiersOf = (view: PriceTableView, regionId: string): Tiers | undefined =>
  (view.table.regional as Record<string, Tiers | undefined>)[regionId];

const call = async <T>(f: Fetch, path: string, init?: RequestInit): Promise<Outcome<T>> =>
  toOutcome(await request<T>(f, path, init));

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const table = (id: string) => `/api/pricing/tables/${encodeURIComponent(id)}`;

export const fetchTable = (f: Fetch, id: string) => call<PriceTableView>(f, table(id));

export const saveRegion = (
  f: Fetch,
  id: string,
  regionId: string,
  change: { expectedVersion: number; coefficients: Tiers; effectiveFrom: number; reason: string }
) => call<RegionChangeResult>(f, `${table(id)}/regions/${encodeURIComponent(regionId)}`, json('PUT', change));

export const previewQuote = (
  f: Fetch,
  body: { regionChange: { regionId: string; coefficients: Tiers }; sampleOrder: SampleFacts }
) => call<PricePreview>(f, '/api/pricing/preview', json('POST', body));

export const fetchApprovals = (f: Fetch) =>
  call<ChangeRequestView[]>(f, '/api/pricing/approvals?status=pending');

export const decideRequest = (f: Fetch, id: string, decision: 'approve' | 'reject', reason: string) =>
  call<ChangeRequestView>(
    f,
    `/api/pricing/approvals/${encodeURIComponent(id)}`,
    json('POST', { decision, reason })
  );
