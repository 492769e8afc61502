// Who is told, and how: shared by the escalation ladder and the dwell alerts. Delivery (later) turns a
// recipient into people, using the order's assignee and region.

export const CHANNELS = ['in_app', 'webhook', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Login roles (realtime/contract.ts ROLES) that receive alerts, plus the back-office teams that own a
 * node of the workflow without working in the console yet.
 */
export const RECIPIENT_ROLES = [
  'technician',
  'dispatcher',
  'regional_manager',
  'executive',
  'procurement',
  'customer_service'
] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/**
 * `assignee`: the one person of that role who holds the order (only a technician holds one); `region`:
 * everyone of that role in the order's region; `all`: everyone of that role.
 */
export const RECIPIENT_SCOPES = ['assignee', 'region', 'all'] as const;
export type RecipientScope = (typeof RECIPIENT_SCOPES)[number];

export interface Recipient {
  role: RecipientRole;
  scope: RecipientScope;
}
