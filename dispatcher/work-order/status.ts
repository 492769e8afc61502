// The default workflow's states until templates arrive. Transitions are the dispatcher's next piece.
export const WORK_ORDER_STATUSES = [
  'created',
  'offered',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'completed',
  'customer_accepted',
  'closed',
  'cancelled'
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** States in which nobody owes the customer anything more: they do not count as open. */
export const FINISHED_STATUSES: readonly WorkOrderStatus[] = ['closed', 'cancelled'];
