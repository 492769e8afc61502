import { and, asc, eq } from 'drizzle-orm';
import { events } from '../schema';
import type { Executor } from '../client';

export interface DomainEventInput {
  type: string;
  aggregateType: string;
  aggregateId: string;
  actor: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends DomainEventInput {
  id: number;
  at: Date;
}

export async function appendEvents(db: Executor, input: DomainEventInput[]): Promise<StoredEvent[]> {
  if (input.length === 0) return [];
  return db.insert(events).values(input).returning();
}

export async function listEventsFor(
  db: Executor,
  aggregateType: string,
  aggregateId: string
): Promise<StoredEvent[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.aggregateType, aggregateType), eq(events.aggregateId, aggregateId)))
    .orderBy(asc(events.id));
}
