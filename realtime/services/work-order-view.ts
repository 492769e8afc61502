// What leaves the server about an order. Roles that need no customer personal data never get it.
import type { WorkOrderRow, WorkOrderWithCustomer } from '../../db';
import type { OrderChannel, OrderPriority } from '../../dispatcher/work-order/intake';
import type { Principal } from '../auth/scope';
import type { OrderSummary } from '../events';

export function toOrderSummary(o: WorkOrderRow): OrderSummary {
  return {
    id: o.id,
    version: o.version,
    regionId: o.regionId,
    status: o.status,
    priority: o.priority as OrderPriority,
    channel: o.channel as OrderChannel,
    // About a kilometre: enough for a map, and no customer's doorstep in a broadcast.
    location: { lng: Math.round(o.lng * 100) / 100, lat: Math.round(o.lat * 100) / 100 },
    technicianId: o.assignedTechnicianId,
    createdAt: o.createdAt.toISOString()
  };
}

const WITHOUT_PERSONAL_DATA = new Set(['executive', 'finance']);

/**
 * Whether the viewer gets the customer's name, phone, address and exact place: not roles that never need
 * them, and not a technician merely offered the order (they learn who and where once they accept, so an
 * offer declined or let lapse has told them nothing about the customer).
 */
function seesCustomer(order: WorkOrderRow, viewer: Principal): boolean {
  if (WITHOUT_PERSONAL_DATA.has(viewer.role)) return false;
  return !(viewer.role === 'technician' && order.status === 'offered');
}

export function toOrderView(row: WorkOrderWithCustomer, viewer: Principal) {
  const { order, customer, assignment } = row;
  const personal = seesCustomer(order, viewer);
  return {
    ...toOrderSummary(order),
    serviceType: order.serviceType,
    description: order.description,
    templateId: order.templateId,
    customer: personal
      ? {
          name: customer.name,
          phone: customer.phone,
          address: customer.address,
          location: { lng: customer.lng, lat: customer.lat }
        }
      : null,
    parts: order.parts,
    fields: order.fields,
    assignment: assignment
      ? {
          technicianId: assignment.technicianId,
          locked: order.locked,
          kind: assignment.kind,
          since: assignment.createdAt.toISOString(),
          /** An unanswered offer's deadline. */
          expiresAt: assignment.expiresAt?.toISOString() ?? null
        }
      : null,
    sla: null,
    settlement: null,
    updatedAt: order.updatedAt.toISOString()
  };
}
