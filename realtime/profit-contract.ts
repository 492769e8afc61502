// `GET /api/insights/profit` and the `insights:profit_changed` event as the console reads them (types
// only). Amounts in fen; no customer, no order: sums per region, service type, city and day.
import type { ProfitLine, ProfitReport } from '../dispatcher/insights/profit';

export type { ProfitLine };

export interface ProfitView extends ProfitReport {
  /** Settlements frozen (orders completed) in [from, to). */
  period: { from: string; to: string };
  /** The viewer's zone the trend's days are in. */
  timeZone: string;
  /** The regions summed: the one asked for, or every region the caller sees. */
  regionIds: string[];
  at: string;
}

/** A settlement froze in these regions since the last notice: refetch what shows them. */
export interface ProfitChanged {
  regionIds: string[];
  at: string;
}
