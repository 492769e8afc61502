// SMS through a provider adapter. The adapter here speaks plain signed JSON over HTTP: POST {to, text}
// with X-Timestamp (epoch ms) and X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the
// key>, so the provider can tell the request is ours and fresh. A provider with an API of its own
// (template codes, its own signing) gets another SmsProvider; the channel stays as it is.
import { createHmac } from 'node:crypto';
import type { Clock } from '../../dispatcher/clock';
import { sendEach, type Channel, type Message } from './channel';

export interface SmsProvider {
  send(to: string, text: string): Promise<void>;
}

export interface SmsSettings {
  url: string;
  key: string;
  /** The text: `{title}`, `{body}`, `{link}` and `{orderId}` are filled in. */
  template: string;
  timeoutMs: number;
}

export const DEFAULT_SMS_TEMPLATE = '{title}\n{body}';

export const signature = (key: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;

export function renderSms(template: string, m: Message): string {
  return template
    .replace(/\{(title|body|link|orderId)\}/g, (_, k: 'title' | 'body' | 'link' | 'orderId') => m[k] ?? '')
    .trim();
}

export function jsonSmsProvider(settings: Omit<SmsSettings, 'template'>, clock: Clock): SmsProvider {
  return {
    async send(to, text) {
      const body = JSON.stringify({ to, text });
      const timestamp = String(clock.now().getTime());
      const res = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': timestamp,
          'x-signature': signature(settings.key, timestamp, body)
        },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
        redirect: 'error'
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`SMS provider answered HTTP ${res.status}`);
    }
  };
}

export function smsChannel(provider: SmsProvider, template: string): Channel {
  return {
    name: 'sms',
    send: (batch) =>
      sendEach(batch, async ({ address, message }) => {
        if (!address) return { type: 'skipped', reason: 'this person has no phone number' };
        await provider.send(address, renderSms(template, message));
      })
  };
}
