// A supervisor confirms a part transfer dispatch proposed: the shipping depot's parts are reserved for
// the order in the same transaction, so two confirmations cannot ship the same units. The reservation is
// an assignment's in all but the trigger: it may raise a replenishment alert, and the order's watchers
// hear of it. Reserving touches the shipping depot's stock, so the confirmer must see that depot's region
// as well as the order's: a transfer from another region is for someone who supervises both (an admin).
import {
  appendEvents,
  confirmTransfer,
  findTransfer,
  findWorkOrder,
  reservePicks,
  StockShortError,
  type Database,
  type TransferRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { WorkOrderStatus } from '../../dispatcher/work-order/status';
import { ASSIGNED_STATUSES } from '../../dispatcher/work-order/workflow';
import { canSeeRegion, isSupervisor, type Principal } from '../auth/scope';
import type { Bus } from '../bus';
import type { TransferView } from '../contract';
import type { DepotAlert } from '../events';
import { HttpError } from '../http/errors';
import type { SettlementEngine, SettlementEffects } from '../settlement/engine';
import { stockAlerts } from './stock-alerts';
import { toOrderSummary } from './work-order-view';

export function toTransferView(t: TransferRow): TransferView {
  return {
    id: t.id,
    fromDepotId: t.fromDepotId,
    toDepotId: t.toDepotId,
    sku: t.sku,
    qty: t.qty,
    distanceKm: Math.round(t.distanceKm * 10) / 10,
    etaHours: Math.round(t.etaHours * 10) / 10,
    status: t.status,
    decidedBy: t.decidedBy,
    decidedAt: t.decidedAt?.toISOString() ?? null
  };
}

export class TransferService {
  constructor(
    private readonly db: Database,
    private readonly allRegionIds: readonly string[],
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly settlement: SettlementEngine
  ) {}

  async confirm(user: Principal, orderId: string, transferId: string, reason: string): Promise<TransferView> {
    if (!isSupervisor(user)) throw new HttpError(403, 'forbidden', 'only supervisors confirm transfers');
    const row = await findWorkOrder(this.db, { id: orderId });
    if (!row) throw new HttpError(404, 'not_found', 'no such work order');
    if (!canSeeRegion(user, row.order.regionId, this.allRegionIds))
      throw new HttpError(403, 'forbidden', 'this work order is outside your regions');
    if (!ASSIGNED_STATUSES.includes(row.order.status as WorkOrderStatus))
      throw new HttpError(
        409,
        'illegal_transition',
        `parts are not shipped for an order that is ${row.order.status}`
      );
    const transfer = await findTransfer(this.db, transferId);
    if (transfer?.workOrderId !== orderId) throw new HttpError(404, 'not_found', 'no such transfer');
    if (!canSeeRegion(user, transfer.fromRegionId, this.allRegionIds))
      throw new HttpError(
        403,
        'forbidden',
        `the shipping depot ${transfer.fromDepotId} is in region ${transfer.fromRegionId}, outside your regions: ` +
          'a supervisor of both regions must confirm this transfer'
      );
    const actor = `user:${user.username}`;
    const at = this.clock.now();
    const alerts: DepotAlert[] = [];
    let earnings: SettlementEffects | undefined;
    try {
      const confirmed = await this.db.transaction(async (tx) => {
        const next = await confirmTransfer(tx, transferId, actor, at);
        if (!next) return undefined;
        const left = await reservePicks(tx, orderId, [
          { depotId: next.fromDepotId, sku: next.sku, qty: next.qty }
        ]);
        const stock = stockAlerts(left, { orderId, actor, at });
        alerts.push(...stock.alerts);
        await appendEvents(tx, [
          {
            type: 'parts.transfer_confirmed',
            aggregateType: 'work_order',
            aggregateId: orderId,
            actor,
            payload: {
              before: { status: transfer.status },
              after: toTransferView(next),
              reason
            }
          },
          ...stock.events
        ]);
        // The shipped parts are charged at cost on the order's price.
        earnings = await this.settlement.partsChanged(tx, row.order, actor, at);
        return next;
      });
      if (confirmed) {
        // The order's drawer lists its transfers: its watchers read it again.
        this.bus.publish('order:updated', toOrderSummary(row.order));
        for (const alert of alerts) this.bus.publish('depot:alert', alert);
        if (earnings) this.settlement.publish(earnings);
        return toTransferView(confirmed);
      }
    } catch (err) {
      if (err instanceof StockShortError)
        throw new HttpError(409, 'stock_changed', `${err.message}; the transfer cannot ship as proposed`);
      throw err;
    }
    const current = await findTransfer(this.db, transferId);
    throw new HttpError(
      409,
      'transfer_not_proposed',
      `the transfer is ${current?.status ?? 'gone'}`,
      undefined,
      {
        current: current ? toTransferView(current) : null
      }
    );
  }
}
