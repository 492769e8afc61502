// An order's SLA as the engine works on it: the stored row and ladder turned into domain values, plus
// the order facts that recipients and the board need. Loaded under the row's lock, changed in memory by
// the rules, stored back with its timers in the same transaction.
import type { EscalationRow, OrderSlaRow } from '../../db';
import type { EscalationLadder, LadderState } from '../../dispatcher/sla/ladder';
import type { OrderSla } from '../../dispatcher/sla/order-sla';
import type { RedAlert } from '../../dispatcher/sla/red-alert';
import type { PauseReason } from '../../dispatcher/sla/sla-clock';
import type { EpochMs } from '../../dispatcher/sla/time';
import type { OrderPriority } from '../events';

export interface LadderRun {
  ladder: EscalationLadder;
  state: LadderState;
  /** The last level fired (0: none yet) and its cycle. */
  level: number;
  cycle: number;
}

export interface OrderSlaState {
  orderId: string;
  regionId: string;
  version: number;
  policyId: string;
  policyVersion: number;
  ladderId: string;
  ladderVersion: number;
  clocks: OrderSla['clocks'];
  redAlert: RedAlert | null;
  waiting: Partial<Record<PauseReason, EpochMs>>;
  status: string;
  statusSince: EpochMs;
  escalation: LadderRun | null;
  order: { priority: OrderPriority; serviceType: string; assignedTechnicianId: string | null };
}

export function fromRows(
  sla: OrderSlaRow,
  escalation: EscalationRow | null | undefined,
  order: OrderSlaState['order']
): OrderSlaState {
  return {
    orderId: sla.orderId,
    regionId: sla.regionId,
    version: sla.version,
    policyId: sla.policyId,
    policyVersion: sla.policyVersion,
    ladderId: sla.ladderId,
    ladderVersion: sla.ladderVersion,
    clocks: sla.clocks,
    redAlert: sla.redAlert,
    waiting: sla.waiting,
    status: sla.status,
    statusSince: sla.statusSince.getTime(),
    escalation:
      escalation?.active === true
        ? {
            ladder: escalation.ladder,
            state: escalation.state,
            level: escalation.level,
            cycle: escalation.cycle
          }
        : null,
    order
  };
}

/** Some clock is still counting or waiting: the order is on the board. */
export const isOpen = (s: Pick<OrderSlaState, 'clocks'>): boolean =>
  Object.values(s.clocks).some((c) => c.stopped === null);
