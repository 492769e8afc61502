import { z } from 'zod';

const reason = z.string().trim().min(1, 'say why').max(500);
const expectedVersion = z.number().int().min(1);

export const AssignSchema = z.object({
  technicianId: z.string().min(1).max(64),
  expectedVersion,
  reason,
  lock: z.boolean().default(false),
  /** The supervisor saw the hard-rule violations and assigns anyway. */
  confirmViolations: z.boolean().default(false)
});
export type AssignInput = z.infer<typeof AssignSchema>;

export const UnassignSchema = z.object({
  expectedVersion,
  reason,
  /** Keep auto-dispatch away from the order while it waits for a supervisor's pick. */
  lock: z.boolean().default(false)
});
export type UnassignInput = z.infer<typeof UnassignSchema>;

export const ConfirmTransferSchema = z.object({
  /** Optional here: confirming a proposal made by dispatch needs no justification. */
  reason: z.string().trim().max(500).default('')
});
export type ConfirmTransferInput = z.infer<typeof ConfirmTransferSchema>;
