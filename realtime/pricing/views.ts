// What leaves the server about a pricing change request.
import type { ChangeRequestRow } from '../../db';
import type { ChangeRequestView } from '../contract';

export const toChangeRequestView = (r: ChangeRequestRow): ChangeRequestView => ({
  id: r.id,
  tableId: r.tableId,
  regionId: r.regionId,
  baseVersion: r.baseVersion,
  before: r.before,
  coefficients: r.coefficients,
  effectiveFrom: r.effectiveFrom.toISOString(),
  breaches: r.breaches,
  reason: r.reason,
  requestedBy: r.requestedBy,
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionReason: r.decisionReason,
  appliedVersion: r.appliedVersion,
  createdAt: r.createdAt.toISOString()
});
