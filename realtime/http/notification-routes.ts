// The caller's own notification centre: list (optionally only unread), mark one read, mark all read.
import { Router } from 'express';
import {
  countUnread,
  findNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Database
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { toNotificationView } from '../notify/in-app';
import { ListNotificationsQuerySchema, NotificationIdSchema } from '../schemas/notification';
import { HttpError, parseInput } from './errors';
import { authOf, jsonBody } from './middleware';

export function notificationRoutes(db: Database, clock: Clock): Router {
  const r = Router();
  r.get('/notifications', async (req, res) => {
    const { unread, limit } = parseInput(ListNotificationsQuerySchema, req.query);
    const { user } = authOf(res);
    const [rows, unreadCount] = await Promise.all([
      listNotifications(db, user.id, { unreadOnly: unread ?? false, limit }),
      countUnread(db, user.id)
    ]);
    res.json({ items: rows.map(toNotificationView), unreadCount });
  });
  r.post('/notifications/read-all', ...jsonBody, async (_req, res) => {
    const { user } = authOf(res);
    res.json({ updated: await markAllNotificationsRead(db, user.id, clock.now()) });
  });
  r.post('/notifications/:id/read', ...jsonBody, async (req, res) => {
    const id = NotificationIdSchema.safeParse(req.params.id);
    const found = id.success ? await findNotification(db, id.data) : undefined;
    if (!found) throw new HttpError(404, 'not_found', 'no such notification');
    if (found.userId !== authOf(res).user.id)
      throw new HttpError(403, 'forbidden', 'that notification is someone else’s');
    res.json(toNotificationView((await markNotificationRead(db, found.id, clock.now())) ?? found));
  });
  return r;
}
