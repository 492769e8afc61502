/** A domain event as the rules produce it: who did what to which aggregate, before/after and why. */
export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  actor: string;
  payload: Record<string, unknown>;
}
