// Webhook: one HTTP POST of JSON per message, to the notification's own URL or the configured default.
// The default body is a WeCom (企业微信) group robot markdown message; `json` posts the message as it is.
import { z } from 'zod';
import type { Severity } from '../schemas/notification';
import { sendEach, type Channel, type Message } from './channel';

export const WEBHOOK_FORMATS = ['wecom', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookSettings {
  /** Where messages without an address of their own go; none: those are skipped. */
  url?: string;
  format: WebhookFormat;
  timeoutMs: number;
}

/** The robot's limit on a markdown message, in bytes of UTF-8. */
const WECOM_MAX_BYTES = 4096;
/** WeCom markdown knows three colours: green, grey and orange-red. */
const WECOM_COLOUR: Record<Severity, string> = { info: 'info', warning: 'comment', critical: 'warning' };
/** The robot answers 200 even when it refuses: the verdict is `errcode`. */
const WecomReplySchema = z.object({ errcode: z.number(), errmsg: z.string().optional() });

interface Format {
  body(m: Message): unknown;
  /** Why a 2xx reply still means the message was refused, or null. */
  refusal(reply: string): string | null;
}

const FORMATS: Record<WebhookFormat, Format> = {
  wecom: {
    body: (m) => ({ msgtype: 'markdown', markdown: { content: wecomMarkdown(m) } }),
    refusal(reply) {
      let json: unknown;
      try {
        json = JSON.parse(reply);
      } catch {
        return 'the robot did not answer with JSON';
      }
      const parsed = WecomReplySchema.safeParse(json);
      if (!parsed.success) return 'the robot answered without an errcode';
      const { errcode, errmsg } = parsed.data;
      return errcode === 0 ? null : `robot errcode ${errcode}: ${errmsg ?? ''}`;
    }
  },
  json: { body: (m) => m, refusal: () => null }
};

export function wecomMarkdown(m: Message): string {
  const lines = [`<font color="${WECOM_COLOUR[m.severity]}">**${m.title}**</font>`];
  if (m.body) lines.push(m.body);
  if (m.link) lines.push(`[查看](${m.link})`);
  return truncateUtf8(lines.join('\n'), WECOM_MAX_BYTES);
}

/** The longest prefix that fits in `max` bytes of UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, max: number): string {
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(max));
  return text.slice(0, read);
}

export function webhookChannel(settings: WebhookSettings): Channel {
  const format = FORMATS[settings.format];
  return {
    name: 'webhook',
    send: (batch) =>
      sendEach(batch, async (o) => {
        const url = o.address ?? settings.url;
        if (!url) return { type: 'skipped', reason: 'no webhook URL: set NOTIFY_WEBHOOK_URL' };
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(format.body(o.message)),
          signal: AbortSignal.timeout(settings.timeoutMs),
          // A redirect could carry the alert somewhere nobody configured.
          redirect: 'error'
        });
        const reply = await res.text();
        if (!res.ok) return { type: 'failed', error: `HTTP ${res.status}` };
        const refusal = format.refusal(reply);
        return refusal ? { type: 'failed', error: refusal } : undefined;
      })
  };
}
