// Requests around SLAs: the board's query, acknowledging an escalation, waiting states, and the bodies
// of admin edits (each wraps the document in a field named for its kind, so a 422 names e.g.
// `policy.byPriority.normal.responseMs` or `ladder.levels.1.delayMs`).
import { z } from 'zod';
import { PAUSE_REASONS } from '../../dispatcher/sla/sla-clock';
import {
  DwellRulesSchema,
  EscalationLadderSchema,
  RedAlertRuleSchema,
  SlaCalendarSchema,
  SlaPolicySchema
} from './sla';

const reason = z.string().trim().max(500).default('');

export const SlaBoardQuerySchema = z.object({ regionId: z.string().min(1).max(64).optional() });

export const AcknowledgeSchema = z.object({ reason }).strict();

/** `POST /api/work-orders/:id/waiting` starts a waiting state, `…/waiting/:reason` DELETE ends it. */
export const WaitingSchema = z.object({ reason: z.enum(PAUSE_REASONS), note: reason }).strict();
export const PauseReasonSchema = z.enum(PAUSE_REASONS);
export const WaitingEndSchema = z.object({ note: reason }).strict();

/** The version an edit was made on: 0 to create a setting that does not exist yet. */
const change = { expectedVersion: z.number().int().min(0), reason };

/** The policy's version is the server's to count: it is left out of what an admin sends. */
export const PolicyEditSchema = z
  .object({ ...change, policy: SlaPolicySchema.omit({ version: true }) })
  .strict();
export const CalendarEditSchema = z.object({ ...change, calendar: SlaCalendarSchema }).strict();
export const LadderEditSchema = z.object({ ...change, ladder: EscalationLadderSchema }).strict();
export const RedAlertRuleEditSchema = z.object({ ...change, rule: RedAlertRuleSchema }).strict();
export const DwellRulesEditSchema = z.object({ ...change, rules: DwellRulesSchema }).strict();
