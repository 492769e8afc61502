// What the rest of the process calls: enqueue notifications, inside the caller's own transaction when it
// has one, so an escalation and its deliveries commit (or roll back) together. A role names everyone who
// holds it where the alert is; each person gets a delivery of their own, which the outbox worker sends.
import { z } from 'zod';
import {
  enqueueDeliveries,
  listUsersWithRole,
  type Database,
  type Executor,
  type NewDelivery
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { canSeeRegion } from '../auth/scope';
import { parseInput } from '../http/errors';
import { NotificationSchema, type Notification, type Recipient } from '../schemas/notification';

type Destination = Pick<NewDelivery, 'recipient' | 'userId' | 'address'>;

const toUser = (userId: string): Destination => ({ recipient: `user:${userId}`, userId, address: null });
const NotificationsSchema = z.array(NotificationSchema);

export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly allRegionIds: readonly string[]
  ) {}

  /**
   * Adds one delivery per notification and person (a role becomes the people holding it); an alert whose
   * dedupe key already reached that person on that channel is left out. Returns how many were added.
   */
  async enqueue(notifications: readonly Notification[], tx: Executor = this.db): Promise<number> {
    const parsed = parseInput(NotificationsSchema, notifications);
    const now = this.clock.now();
    const rows: NewDelivery[] = [];
    for (const { recipient, channel, dedupeKey, ...message } of parsed) {
      for (const to of await this.#destinations(tx, recipient))
        rows.push({ ...to, channel, dedupeKey, payload: message, nextAttemptAt: now });
    }
    return enqueueDeliveries(tx, rows);
  }

  async #destinations(tx: Executor, recipient: Recipient): Promise<Destination[]> {
    switch (recipient.type) {
      case 'user':
        return [toUser(recipient.userId)];
      case 'address':
        return [{ recipient: `address:${recipient.address}`, userId: null, address: recipient.address }];
      case 'default':
        return [{ recipient: 'default', userId: null, address: null }];
      case 'role': {
        const { role, regionId } = recipient;
        const holders = await listUsersWithRole(tx, role);
        return holders
          .filter((u) => !regionId || canSeeRegion({ ...u, role }, regionId, this.allRegionIds))
          .map((u) => toUser(u.id));
      }
    }
  }
}
