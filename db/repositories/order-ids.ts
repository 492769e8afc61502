// Writes that end or give back what orders hold take one order (a supervisor's move) or a sweep's many.
export type OrderIds = string | readonly string[];

export const idList = (ids: OrderIds): string[] => (typeof ids === 'string' ? [ids] : [...ids]);
