// The signed-in user's notification centre over HTTP (realtime/README.md, Notifications).
import { request, type Fetch } from '$lib/api/http';
import type { NotificationView } from '$realtime/events';

export interface NotificationPage {
  items: NotificationView[];
  /** All unread, also those beyond the page. */
  unreadCount: number;
}

export const fetchNotifications = (fetchFn: Fetch, limit: number) =>
  request<NotificationPage>(
    fetchFn,
    `/api/notifications?${new URLSearchParams({ limit: String(limit) }).toString()}`
  );

export const markNotificationRead = (fetchFn: Fetch, id: string) =>
  request<NotificationView>(fetchFn, `/api/notifications/${encodeURIComponent(id)}/read`, {
    method: 'POST',
    body: '{}'
  });

export const markAllNotificationsRead = (fetchFn: Fetch) =>
  request<{ updated: number }>(fetchFn, '/api/notifications/read-all', { method: 'POST', body: '{}' });
