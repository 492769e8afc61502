// In-app: the message is stored in the user's notification centre, then pushed to their sockets (every
// instance's, through the user room) for a toast. Stored first, so a reconnecting console finds it.
import { storeNotification, type Database, type NotificationRow } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { userRoom } from '../auth/scope';
import type { NotificationView } from '../events';
import type { Severity } from '../schemas/notification';
import type { IoServer } from '../socket/server';
import { sendEach, type Channel } from './channel';

export const toNotificationView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  title: row.title,
  body: row.body,
  link: row.link,
  orderId: row.orderId,
  severity: row.severity as Severity,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null
});

export function inAppChannel(db: Database, io: IoServer, clock: Clock): Channel {
  return {
    name: 'in_app',
    send: (batch) =>
      sendEach(batch, async ({ deliveryId, userId, message }) => {
        if (!userId) return { type: 'skipped', reason: 'in-app notifications go to a person' };
        const row = await storeNotification(db, {
          userId,
          deliveryId,
          title: message.title,
          body: message.body,
          link: message.link ?? null,
          orderId: message.orderId ?? null,
          severity: message.severity,
          createdAt: clock.now()
        });
        io.to(userRoom(userId)).emit('notification:created', toNotificationView(row));
      })
  };
}
