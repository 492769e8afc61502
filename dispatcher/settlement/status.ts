// A settlement is quoted while the order's facts may still change its price (requoted on each change),
// and frozen once the order is completed: from then on only its payouts move.
export const SETTLEMENT_STATUSES = ['quoted', 'frozen'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];
