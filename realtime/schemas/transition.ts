import { z } from 'zod';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../dispatcher/work-order/workflow';

export const TransitionSchema = z.object({
  action: z.enum(WORKFLOW_ACTIONS as [WorkflowAction, ...WorkflowAction[]]),
  expectedVersion: z.number().int().min(1).optional(),
  reason: z.string().trim().max(500).default('')
});
