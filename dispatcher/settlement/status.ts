// A settlement is quoted while the order's facts may still change its price (requoted on each change),
// frozen once the order is completed: from then on only its payouts move. Cancelling the order voids
// it (void.ts); the next dispatch after a reopen quotes it again.
export const SETTLEMENT_STATUSES = ['quoted', 'frozen', 'void'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];
