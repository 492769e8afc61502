// Who shares in an order's money. The partner (服务商) is the service company the technician works
// through; the platform is us.
export const PARTIES = ['platform', 'partner', 'technician'] as const;
export type Party = (typeof PARTIES)[number];

export type PerParty<T> = Record<Party, T>;
