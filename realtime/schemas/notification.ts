import { z } from 'zod';
import { ROLES } from '../contract';

export const CHANNELS = ['in_app', 'webhook', 'email', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RecipientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().uuid() }),
  /** Everyone with the role who sees the region (national roles see every region); no region: all of them. */
  z.object({ type: z.literal('role'), role: z.enum(ROLES), regionId: z.string().min(1).max(64).optional() }),
  /** An email address, a phone number or a webhook URL, as the channel needs. */
  z.object({ type: z.literal('address'), address: z.string().trim().min(1).max(2000) }),
  /** The channel's configured destination: the webhook's group robot. */
  z.object({ type: z.literal('default') })
]);
export type Recipient = z.infer<typeof RecipientSchema>;

const ADDRESS_RULES: Partial<Record<ChannelName, { schema: z.ZodType; what: string }>> = {
  webhook: { schema: z.string().url().startsWith('http'), what: 'an http(s) URL' },
  email: { schema: z.string().email(), what: 'an email address' },
  sms: { schema: z.string().regex(/^\+?[0-9]{6,20}$/), what: 'a phone number' }
};

/** Which recipients make sense on each channel: people have no webhook, a robot has no inbox. */
const RECIPIENTS: Record<ChannelName, readonly Recipient['type'][]> = {
  in_app: ['user', 'role'],
  webhook: ['address', 'default'],
  email: ['user', 'role', 'address'],
  sms: ['user', 'role', 'address']
};

/** What a channel formats; stored as the outbox row's payload. */
export const MessageSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(4000).default(''),
  /** Where the reader can act: a console path or a full URL. */
  link: z.string().max(2000).optional(),
  orderId: z.string().max(64).optional(),
  severity: z.enum(SEVERITIES).default('info')
});
export type Message = z.infer<typeof MessageSchema>;

/** What the escalation ladder (or anyone) asks to be told to someone on one channel. */
export const NotificationSchema = MessageSchema.extend({
  recipient: RecipientSchema,
  channel: z.enum(CHANNELS),
  /** Names the alert, e.g. `order:<id>:level:2:cycle:1`: the same key reaches one recipient once. */
  dedupeKey: z.string().min(1).max(200)
}).superRefine((n, ctx) => {
  if (!RECIPIENTS[n.channel].includes(n.recipient.type))
    ctx.addIssue({
      code: 'custom',
      path: ['recipient', 'type'],
      message: `${n.channel} takes a recipient of type ${RECIPIENTS[n.channel].join(' or ')}`
    });
  const rule = ADDRESS_RULES[n.channel];
  if (rule && n.recipient.type === 'address' && !rule.schema.safeParse(n.recipient.address).success)
    ctx.addIssue({ code: 'custom', path: ['recipient', 'address'], message: `expected ${rule.what}` });
});
/** What callers pass (defaults may be left out). */
export type Notification = z.input<typeof NotificationSchema>;

export const ListNotificationsQuerySchema = z.object({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50)
});

export const NotificationIdSchema = z.string().uuid();
