import { and, asc, eq, sql } from 'drizzle-orm';
import { events } from '../schema';
import type { Executor } from '../client';

export interface DomainEventInput {
  type: string;
  aggregateType: string;
  aggregateId: string;
  actor: string;
  payload: Record<string, unknown>;
  /** When it happened, for events recorded after the fact (the demo's history); else now. */
  at?: Date;
}

export interface StoredEvent extends Omit<DomainEventInput, 'at'> {
  id: number;
  at: Date;
}

/**
 * Stores the events, in the order given. A batch (a sweep's ranked explanations run to hundreds of kB)
 * goes as one JSON parameter, not five per event: building thousands of parameters cost more than the
 * insert itself. Nothing is read back.
 */
export async function appendEvents(db: Executor, input: readonly DomainEventInput[]): Promise<void> {
  if (input.length === 0) return;
  const rows = JSON.stringify(input);
  await db.execute(sql`
    insert into ${events} (type, aggregate_type, aggregate_id, actor, payload, at)
    select type, aggregate_type, aggregate_id, actor, payload, coalesce(at, now())
    from rows from (
      jsonb_to_recordset(${rows}::jsonb)
        as (type text, "aggregateType" text, "aggregateId" text, actor text, payload jsonb, at timestamptz)
    ) with ordinality as e(type, aggregate_type, aggregate_id, actor, payload, at, n)
    order by n`);
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
