// What the technician's phone reads of an order. The server sends the full order view; the dispatch
// types declare only what the wall reads, so the phone's extra fields (parts, the offer's deadline) are here.
import type { OrderAssignment, OrderView } from '$lib/dispatch/types';

/** The statuses in which a technician holds an order (dispatcher/work-order/workflow.ts ASSIGNED_STATUSES). */
export const HELD_STATUSES = ['offered', 'assigned', 'accepted', 'en_route', 'on_site'] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

export const isHeldStatus = (status: string): status is HeldStatus =>
  (HELD_STATUSES as readonly string[]).includes(status);

export interface PartLine {
  sku: string;
  qty: number;
}

export interface HeldAssignment extends OrderAssignment {
  /** An `offer` waits for the technician's answer until `expiresAt`; `auto` and `manual` are theirs already. */
  kind: 'offer' | 'auto' | 'manual';
  /** When the technician got it: the start of an offer's answering window. */
  since: string;
  expiresAt: string | null;
}

export interface HeldOrder extends OrderView {
  status: HeldStatus;
  parts: PartLine[];
  assignment: HeldAssignment | null;
}

/** The reasons a technician picks from when declining; the text sent is the catalogue's `tech.decline.<reason>`. */
export const DECLINE_REASONS = ['too_far', 'busy', 'missing_parts', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
