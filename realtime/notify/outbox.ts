// The outbox worker. Each channel runs in a lane of its own, so a slow or failing channel never holds up
// the others. A run claims the due deliveries of up to GROUPS_PER_RUN recipients, folds each recipient's
// rows into one message (a digest when there are several), sends the batch and settles every row: sent,
// digested, skipped, retried after an exponential backoff with jitter, or failed after the last attempt.
// Someone sent a message less than a digest window ago waits until the window ends, so a burst of alerts
// reaches them as one digest instead of a flood.
import type { Logger } from 'pino';
import {
  claimDeliveries,
  contactsOf,
  holdDeliveries,
  lastSentTo,
  lockDueGroups,
  settleFailed,
  settleSent,
  settleSkipped,
  type Contact,
  type Database,
  type DeliveryRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { MessageSchema, type ChannelName, type Message } from '../schemas/notification';
import type { Channel, Outgoing, SendResult } from './channel';
import { digest } from './digest';

export interface OutboxSettings {
  intervalMs: number;
  maxAttempts: number;
  digestWindowMs: number;
}

/** A claim nobody settles within this long was a dead sender's and is tried again: it outlasts every timeout. */
export const LEASE_MS = 5 * 60_000;
const GROUPS_PER_RUN = 50;
export const RETRY_BASE_MS = 10_000;
const RETRY_MAX_MS = 30 * 60_000;
/** Where email and SMS find a person's address. */
const CONTACT: Partial<Record<ChannelName, keyof Contact>> = { email: 'email', sms: 'phone' };

/** Wait before the attempt after `attempt`: doubling from RETRY_BASE_MS, between half and all of it. */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  // Equal jitter: retries of many deliveries spread out, and none comes back sooner than half the backoff.
  return ceiling / 2 + random() * (ceiling / 2);
}

interface Group {
  rows: DeliveryRow[];
  outgoing: Outgoing;
}

/** Runs one job at a time; asking while it runs queues exactly one more run, which serves every asker. */
class Lane {
  #tail: Promise<void> = Promise.resolve();
  #queued: Promise<void> | undefined;

  constructor(private readonly job: () => Promise<void>) {}

  request(): Promise<void> {
    this.#queued ??= this.#tail = this.#tail.then(() => {
      this.#queued = undefined;
      return this.job();
    });
    return this.#queued;
  }

  idle(): Promise<void> {
    return this.#tail;
  }
}

export class OutboxWorker {
  readonly #lanes: Lane[];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly channels: readonly Channel[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly settings: OutboxSettings
  ) {
    this.#lanes = channels.map(
      (channel) =>
        new Lane(() =>
          this.#run(channel).catch((err: unknown) =>
            log.warn({ err, channel: channel.name }, 'notification delivery run failed')
          )
        )
    );
  }

  start(): void {
    this.#timer = setInterval(() => void this.tick(), this.settings.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all(this.#lanes.map((l) => l.idle()));
    await Promise.all(this.channels.map((c) => c.close?.()));
  }

  /** Every channel sends what is due once more; resolves when all those runs have ended. */
  async tick(): Promise<void> {
    await Promise.all(this.#lanes.map((l) => l.request()));
  }

  async #run(channel: Channel): Promise<void> {
    const groups = await this.#claim(channel.name);
    if (groups.length === 0) return;
    const results = await channel.send(groups.map((g) => g.outgoing));
    const now = this.clock.now();
    await Promise.all(
      groups.map((g, i) =>
        this.#settle(
          channel.name,
          g,
          results[i] ?? { type: 'failed', error: 'the channel gave no result' },
          now
        )
      )
    );
  }

  async #claim(channel: ChannelName): Promise<Group[]> {
    const now = this.clock.now();
    const window = this.settings.digestWindowMs;
    const claimed = await this.db.transaction(async (tx) => {
      const waiting = groupBy(await lockDueGroups(tx, channel, now, GROUPS_PER_RUN), (r) => r.recipient);
      const recent = await lastSentTo(tx, channel, [...waiting.keys()], new Date(now.getTime() - window));
      const ready: string[] = [];
      for (const [recipient, rows] of waiting) {
        const ids = rows.map((r) => r.id);
        const last = recent.get(recipient);
        if (last) await holdDeliveries(tx, ids, new Date(last.getTime() + window));
        else ready.push(...ids);
      }
      return claimDeliveries(tx, ready, new Date(now.getTime() + LEASE_MS));
    });

    const valid: { row: DeliveryRow; message: Message }[] = [];
    const broken: string[] = [];
    for (const row of claimed) {
      const parsed = MessageSchema.safeParse(row.payload);
      if (parsed.success) valid.push({ row, message: parsed.data });
      else broken.push(row.id);
    }
    // Only a row edited by hand gets here; it could never be sent, so it fails now and says why.
    await settleFailed(this.db, broken, 'the stored message is not valid', null);

    const field = CONTACT[channel];
    const userIds = [...new Set(valid.flatMap(({ row }) => (row.userId ? [row.userId] : [])))];
    const contacts = field ? await contactsOf(this.db, userIds) : new Map<string, Contact>();
    return [...groupBy(valid, ({ row }) => row.recipient).values()].flatMap((items): Group[] => {
      const lead = items[0]?.row;
      if (!lead) return [];
      const contact = field && lead.userId ? (contacts.get(lead.userId)?.[field] ?? null) : null;
      return [
        {
          rows: items.map((i) => i.row),
          outgoing: {
            deliveryId: lead.id,
            userId: lead.userId,
            address: lead.address ?? contact,
            message: digest(items.map((i) => i.message))
          }
        }
      ];
    });
  }

  async #settle(channel: ChannelName, group: Group, result: SendResult, now: Date): Promise<void> {
    const ids = group.rows.map((r) => r.id);
    switch (result.type) {
      case 'sent':
        return settleSent(this.db, group.outgoing.deliveryId, ids, now);
      case 'skipped':
        return settleSkipped(this.db, ids, result.reason);
      case 'failed': {
        const { maxAttempts } = this.settings;
        const spent = group.rows.filter((r) => r.attempts >= maxAttempts).map((r) => r.id);
        const again = group.rows.filter((r) => r.attempts < maxAttempts).map((r) => r.id);
        const attempt = Math.max(...group.rows.map((r) => r.attempts));
        const retryAt = new Date(now.getTime() + retryDelay(attempt));
        await settleFailed(this.db, spent, result.error, null);
        await settleFailed(this.db, again, result.error, retryAt);
        this.log.warn(
          {
            channel,
            deliveryId: group.outgoing.deliveryId,
            attempt,
            error: result.error,
            gaveUp: spent.length
          },
          'notification delivery failed'
        );
      }
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
