// Notifications for one application: the four channels built from the settings (one without settings
// skips its deliveries with the reason, it never crashes), the outbox worker and the enqueue service.
import type { Logger } from 'pino';
import type { Database } from '../../db';
import type { Clock } from '../../dispatcher/clock';
import type { IoServer } from '../socket/server';
import { unconfigured, type Channel } from './channel';
import { emailChannel, type EmailSettings } from './email';
import { inAppChannel } from './in-app';
import { OutboxWorker, type OutboxSettings } from './outbox';
import { NotificationService } from './service';
import { jsonSmsProvider, smsChannel, type SmsSettings } from './sms';
import { webhookChannel, type WebhookSettings } from './webhook';

type Untimed<T> = Omit<T, 'timeoutMs'>;

export interface NotifySettings extends OutboxSettings {
  /** How long one HTTP request or SMTP step may take before the attempt counts as failed. */
  timeoutMs: number;
  webhook: Untimed<WebhookSettings>;
  email: Untimed<EmailSettings> | null;
  sms: Untimed<SmsSettings> | null;
}

export interface NotifyDeps {
  db: Database;
  io: IoServer;
  clock: Clock;
  log: Logger;
  allRegionIds: readonly string[];
}

function createChannels(s: NotifySettings, { db, io, clock }: NotifyDeps): Channel[] {
  const { timeoutMs } = s;
  return [
    inAppChannel(db, io, clock),
    webhookChannel({ ...s.webhook, timeoutMs }),
    s.email
      ? emailChannel({ ...s.email, timeoutMs })
      : unconfigured('email', 'email is not configured: set NOTIFY_SMTP_URL and NOTIFY_EMAIL_FROM'),
    s.sms
      ? smsChannel(jsonSmsProvider({ url: s.sms.url, key: s.sms.key, timeoutMs }, clock), s.sms.template)
      : unconfigured('sms', 'SMS is not configured: set NOTIFY_SMS_URL and NOTIFY_SMS_KEY')
  ];
}

export function createNotifications(settings: NotifySettings, deps: NotifyDeps) {
  deps.log.info(
    {
      email: settings.email !== null,
      sms: settings.sms !== null,
      webhook: settings.webhook.url !== undefined
    },
    'notification channels configured'
  );
  return {
    service: new NotificationService(deps.db, deps.clock, deps.allRegionIds),
    worker: new OutboxWorker(deps.db, createChannels(settings, deps), deps.clock, deps.log, settings)
  };
}
