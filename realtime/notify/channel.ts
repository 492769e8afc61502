// One interface for every way of telling someone. The outbox worker hands a channel a batch and learns,
// message by message, whether each went out; a channel never throws for one bad message.
import type { ChannelName, Message } from '../schemas/notification';

export type { Message };

export interface Outgoing {
  /** The outbox row this message settles (for a digest, the row that carries it). */
  deliveryId: string;
  /** The person it is for, when it is for one. */
  userId: string | null;
  /** Email address, phone number or URL; null when the channel's default applies or the person has none. */
  address: string | null;
  /** One alert, or a digest of several (digest.ts). */
  message: Message;
}

export type SendResult =
  | { type: 'sent' }
  | { type: 'failed'; error: string }
  /** Sending would never work as things stand (no settings, no address): not retried. */
  | { type: 'skipped'; reason: string };

export interface Channel {
  readonly name: ChannelName;
  /** One result per message, in the batch's order. */
  send(batch: readonly Outgoing[]): Promise<SendResult[]>;
  /** Lets go of connections it keeps open. */
  close?(): Promise<void>;
}

const SENT: SendResult = { type: 'sent' };

/**
 * Sends every message of the batch at once, each on its own: a throw (or a returned reason) fails that
 * message only. `one` returns nothing when the message went out.
 */
export async function sendEach(
  batch: readonly Outgoing[],
  one: (o: Outgoing) => Promise<SendResult | void>
): Promise<SendResult[]> {
  const settled = await Promise.allSettled(batch.map(one));
  return settled.map((s) =>
    s.status === 'fulfilled' ? (s.value ?? SENT) : { type: 'failed', error: errorText(s.reason) }
  );
}

/** fetch says only "fetch failed"; the reason (refused, timed out) is in its cause. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 1000);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message || err.name}${cause}`.slice(0, 1000);
}

/** A channel whose settings are missing: every delivery to it is skipped with the reason, none is lost. */
export function unconfigured(name: ChannelName, reason: string): Channel {
  return { name, send: (batch) => Promise.resolve(batch.map(() => ({ type: 'skipped', reason }))) };
}
