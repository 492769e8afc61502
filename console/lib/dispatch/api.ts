// Typed calls for the dispatch screens. Every write answers a tagged union, so the UI handles a stale
// version (409), a broken hard rule (422) and the rest with a `switch`, never by reading status codes.
import type { ErrorBody } from '$realtime/events';
import type { Fetch } from '$lib/api/http';
import type { Candidate, OrderDetail, OrderView, PartTransfer, TechnicianSummary } from './types';

export type Loaded<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export type WriteOutcome =
  | { type: 'ok'; order: OrderView }
  /** Someone else changed the order first; `current` is what the server has now (may be partial). */
  | { type: 'conflict'; current: Partial<OrderView> | null }
  | { type: 'illegal-transition'; allowed: string[] }
  | { type: 'violations'; violations: string[] }
  | { type: 'forbidden' }
  | { type: 'not-found' }
  | { type: 'failed'; status: number; message: string };

interface RawResponse {
  status: number;
  body: unknown;
}

async function send(fetchFn: Fetch, path: string, init?: RequestInit): Promise<RawResponse> {
  try {
    const res = await fetchFn(path, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) }
    });
    const body: unknown = await res.json().catch(() => null);
    return { status: res.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

type ErrorDetail = ErrorBody & Record<string, unknown>;

function errorOf(body: unknown): ErrorDetail | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  return typeof (error as { code?: unknown }).code === 'string' ? (error as ErrorDetail) : null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Maps a write's response to the outcome the drawer shows. Exported for the tests. */
export function toWriteOutcome({ status, body }: RawResponse): WriteOutcome {
  if (status >= 200 && status < 300) return { type: 'ok', order: body as OrderView };
  const error = errorOf(body);
  if (status === 409 && error?.code === 'illegal_transition')
    return { type: 'illegal-transition', allowed: strings(error.allowed) };
  if (status === 409) {
    const current = typeof error?.current === 'object' && error.current !== null ? error.current : null;
    return { type: 'conflict', current: current as Partial<OrderView> | null };
  }
  if (status === 422 && error?.code === 'hard_rule_violation')
    return { type: 'violations', violations: strings(error.violations) };
  if (status === 403) return { type: 'forbidden' };
  if (status === 404) return { type: 'not-found' };
  return { type: 'failed', status, message: error?.message ?? '' };
}

function loaded<T>({ status, body }: RawResponse): Loaded<T> {
  if (status >= 200 && status < 300) return { ok: true, data: body as T };
  return { ok: false, status, message: errorOf(body)?.message ?? '' };
}

const orderPath = (id: string) => `/api/work-orders/${encodeURIComponent(id)}`;

/**
 * Every order of the given statuses the caller may see (follows the cursor; stops at `max` per status).
 * The wall asks for its queue statuses; a technician's phone for the statuses in which they hold an order.
 */
export async function fetchQueueOrders(
  fetchFn: Fetch,
  statuses: readonly string[],
  max = 600
): Promise<Loaded<OrderView[]>> {
  const all: OrderView[] = [];
  for (const status of statuses) {
    let cursor: string | null = null;
    let count = 0;
    do {
      const query = new URLSearchParams({ status, limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const res = loaded<{ items: OrderView[]; nextCursor: string | null }>(
        await send(fetchFn, `/api/work-orders?${query.toString()}`)
      );
      if (!res.ok) return res;
      all.push(...res.data.items);
      count += res.data.items.length;
      cursor = res.data.nextCursor;
    } while (cursor && count < max);
  }
  return { ok: true, data: all };
}

export const fetchOrder = async (fetchFn: Fetch, id: string) =>
  loaded<OrderDetail>(await send(fetchFn, orderPath(id)));

export async function fetchCandidates(fetchFn: Fetch, id: string): Promise<Loaded<Candidate[]>> {
  const res = loaded<{ items: Candidate[] }>(await send(fetchFn, `${orderPath(id)}/candidates`));
  return res.ok ? { ok: true, data: res.data.items } : res;
}

export async function fetchTechnicians(fetchFn: Fetch): Promise<Loaded<TechnicianSummary[]>> {
  const res = loaded<{ items: TechnicianSummary[] }>(await send(fetchFn, '/api/technicians'));
  return res.ok ? { ok: true, data: res.data.items } : res;
}

export interface AssignInput {
  technicianId: string;
  expectedVersion: number;
  reason: string;
  lock?: boolean;
  confirmViolations?: boolean;
}

export const assignOrder = async (fetchFn: Fetch, id: string, input: AssignInput) =>
  toWriteOutcome(
    await send(fetchFn, `${orderPath(id)}/assignment`, { method: 'PUT', body: JSON.stringify(input) })
  );

export const unassignOrder = async (
  fetchFn: Fetch,
  id: string,
  input: { expectedVersion: number; reason: string }
) =>
  toWriteOutcome(
    await send(fetchFn, `${orderPath(id)}/assignment`, { method: 'DELETE', body: JSON.stringify(input) })
  );

/** What a technician may do to the order they hold (the server refuses the rest with 403). */
export type TechnicianAction = 'accept' | 'decline' | 'depart' | 'arrive' | 'complete';

/**
 * Moves the order along its workflow. After a decline the answer is only the order's summary: the
 * technician no longer holds it, so the customer's details are not sent again.
 */
export const transitionOrder = async (
  fetchFn: Fetch,
  id: string,
  input: { action: TechnicianAction; expectedVersion: number; reason: string }
) =>
  toWriteOutcome(
    await send(fetchFn, `${orderPath(id)}/transitions`, { method: 'POST', body: JSON.stringify(input) })
  );

export const confirmTransfer = async (fetchFn: Fetch, orderId: string, transferId: string) =>
  loaded<PartTransfer>(
    await send(fetchFn, `${orderPath(orderId)}/transfers/${encodeURIComponent(transferId)}/confirmation`, {
      method: 'POST',
      body: JSON.stringify({})
    })
  );
