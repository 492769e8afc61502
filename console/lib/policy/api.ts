// A region's dispatch policy: read and change, each answered as a tagged outcome so the editor handles a
// stale version (409), refused fields (422) and the rest with a `switch`.
import type { DispatchPolicyView } from '$realtime/contract';
import { request, type ApiResult, type Fetch } from '$lib/api/http';

export type Policy = DispatchPolicyView['policy'];
export type FactorName = keyof Policy['weights'];
// Re-declared, as the console takes no runtime code from the server; the Record makes a missing or an
// extra factor a compile error.
const FACTOR_SET: Record<FactorName, true> = {
  distance: true,
  workload: true,
  rating: true,
  parts: true,
  fairness: true
};
export const FACTORS = Object.keys(FACTOR_SET) as readonly FactorName[];

/** What `PUT` takes: the fields to change (at least one) on the version they were read at. */
export type PolicyChange = Partial<Policy> & { expectedVersion: number; reason: string };

export type PolicyOutcome =
  | { type: 'ok'; view: DispatchPolicyView }
  /** Someone changed the policy first; `current` is what the server has now. */
  | { type: 'conflict'; current: DispatchPolicyView | null }
  | { type: 'invalid'; fields: { path: string; message: string }[] }
  | { type: 'forbidden' }
  | { type: 'not-found' }
  | { type: 'failed'; message: string };

const path = (regionId: string) => `/api/regions/${encodeURIComponent(regionId)}/dispatch-policy`;

/** Exported for the tests. */
export function toOutcome(res: ApiResult<DispatchPolicyView>): PolicyOutcome {
  if (res.ok) return { type: 'ok', view: res.data };
  const error = res.error as (NonNullable<typeof res.error> & { current?: DispatchPolicyView }) | null;
  if (res.status === 409) return { type: 'conflict', current: error?.current ?? null };
  if (res.status === 422) return { type: 'invalid', fields: error?.fields ?? [] };
  if (res.status === 403) return { type: 'forbidden' };
  if (res.status === 404) return { type: 'not-found' };
  return { type: 'failed', message: error?.message ?? String(res.status) };
}

export const fetchPolicy = async (f: Fetch, regionId: string): Promise<PolicyOutcome> =>
  toOutcome(await request<DispatchPolicyView>(f, path(regionId)));

export const savePolicy = async (f: Fetch, regionId: string, change: PolicyChange): Promise<PolicyOutcome> =>
  toOutcome(
    await request<DispatchPolicyView>(f, path(regionId), { method: 'PUT', body: JSON.stringify(change) })
  );
