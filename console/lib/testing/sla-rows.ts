// Test support only: SLA board rows and notifications as the server sends them, with what a test cares
// about overridden.
import type { SlaBoardRow } from '$realtime/contract';
import type { NotificationView } from '$realtime/events';

export const T0 = Date.parse('2026-11-23T02:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const MIN = 60_000;

/** A running response clock on an east-region order, due 30 min after T0, warning from 22.5 min. */
export function slaRow(orderId: string, over: Partial<SlaBoardRow> = {}): SlaBoardRow {
  return {
    orderId,
    version: 1,
    regionId: 'east',
    priority: 'high',
    serviceType: 'ac_repair',
    status: 'assigned',
    redAlert: null,
    metric: 'response',
    band: 'on_track',
    dueAt: iso(T0 + 30 * MIN),
    warningAt: iso(T0 + 22.5 * MIN),
    remainingMs: 30 * MIN,
    at: iso(T0),
    escalation: null,
    ...over
  };
}

export function notification(id: string, over: Partial<NotificationView> = {}): NotificationView {
  return {
    id,
    title: `SLA 升级 ${id}`,
    body: '工单响应已超时，请尽快处理',
    link: null,
    orderId: 'wo-1',
    severity: 'warning',
    createdAt: iso(T0),
    readAt: null,
    ...over
  };
}
