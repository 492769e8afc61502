// Email over SMTP through nodemailer's pooled transport: a few connections reused across a batch
// instead of one handshake per message.
import { createTransport } from 'nodemailer';
import { sendEach, type Channel, type Message } from './channel';

export interface EmailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 */
  smtpUrl: string;
  from: string;
  timeoutMs: number;
}

const text = (m: Message): string => [m.body, m.link].filter(Boolean).join('\n\n');

export function emailChannel(settings: EmailSettings): Channel {
  const transport = createTransport(
    {
      pool: true,
      url: settings.smtpUrl,
      maxConnections: 3,
      // Nodemailer waits minutes by default; an unreachable server should fail the attempt, not hold it.
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs
    },
    { from: settings.from }
  );
  return {
    name: 'email',
    send: (batch) =>
      sendEach(batch, async ({ address, message }) => {
        if (!address) return { type: 'skipped', reason: 'this person has no email address' };
        await transport.sendMail({
          to: address,
          subject: message.title,
          text: text(message),
          priority: message.severity === 'critical' ? 'high' : 'normal'
        });
      }),
    close: () => Promise.resolve(transport.close())
  };
}
