// The SLA board's calls. The acknowledgement answers a tagged outcome, so the board shows a 409 (someone
// acknowledged first, or the escalation ended) with a `switch`, not by reading status codes.
import { request, type Fetch } from '$lib/api/http';
import type { OrderSlaView, SlaBoard, SlaBoardRow } from '$realtime/contract';

/** Every open order on the board that the caller may see; one region's with `regionId`. */
export function fetchSlaBoard(fetchFn: Fetch, regionId?: string) {
  const query = regionId ? `?${new URLSearchParams({ regionId }).toString()}` : '';
  return request<SlaBoard>(fetchFn, `/api/sla/board${query}`);
}

export type AckOutcome =
  /** The order's board row after the acknowledgement (null once no clock counts); `sla:updated` says it too. */
  | { type: 'ok'; row: SlaBoardRow | null }
  | { type: 'conflict'; message: string }
  | { type: 'forbidden' }
  | { type: 'not-found' }
  /** `status` 0: the request never reached the server. */
  | { type: 'failed'; status: number; message: string };

export async function acknowledgeEscalation(
  fetchFn: Fetch,
  orderId: string,
  reason?: string
): Promise<AckOutcome> {
  const res = await request<OrderSlaView>(
    fetchFn,
    `/api/work-orders/${encodeURIComponent(orderId)}/escalation/acknowledgement`,
    { method: 'POST', body: JSON.stringify(reason ? { reason } : {}) }
  );
  if (res.ok) return { type: 'ok', row: res.data.row };
  switch (res.status) {
    case 409:
      return { type: 'conflict', message: res.error?.message ?? '' };
    case 403:
      return { type: 'forbidden' };
    case 404:
      return { type: 'not-found' };
    default:
      return { type: 'failed', status: res.status, message: res.error?.message ?? '' };
  }
}
