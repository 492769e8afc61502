// Each channel on its own against its local server: what counts as a failure, and what is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../realtime/notify/channel';
import { emailChannel } from '../../realtime/notify/email';
import { jsonSmsProvider, smsChannel } from '../../realtime/notify/sms';
import { webhookChannel } from '../../realtime/notify/webhook';
import { startSmsProvider, startWebhookReceiver, type HttpReceiver } from '../support/notify-servers';

const clock = { now: () => new Date('2026-03-02T08:00:00Z') };
const out = (address: string | null): Outgoing => ({
  deliveryId: crypto.randomUUID(),
  userId: null,
  address,
  message: { title: '工单 D-1 即将超时', body: '还剩 10 分钟', severity: 'warning', link: '/orders/D-1' }
});

let robot: HttpReceiver;
beforeAll(async () => {
  robot = await startWebhookReceiver();
});
afterAll(() => robot.close());

describe('webhook channel', () => {
  it('posts the WeCom markdown shape to the default URL, and plain JSON in the json format', async () => {
    robot.behaviour = 200;
    const seen = robot.received.length;
    const wecom = webhookChannel({ url: `${robot.url}/default`, format: 'wecom', timeoutMs: 5000 });
    const json = webhookChannel({ format: 'json', timeoutMs: 5000 });
    expect(await wecom.send([out(null)])).toEqual([{ type: 'sent' }]);
    expect(await json.send([out(`${robot.url}/own`)])).toEqual([{ type: 'sent' }]);
    expect(robot.received.slice(seen)).toMatchObject([
      {
        path: '/default',
        body: {
          msgtype: 'markdown',
          markdown: {
            content: '<font color="comment">**工单 D-1 即将超时**</font>\n还剩 10 分钟\n[查看](/orders/D-1)'
          }
        }
      },
      { path: '/own', body: out(null).message }
    ]);
  });

  it('fails a 200 whose errcode says the robot refused it', async () => {
    robot.behaviour = 'refuse';
    const channel = webhookChannel({ url: robot.url, format: 'wecom', timeoutMs: 5000 });
    expect(await channel.send([out(null)])).toEqual([
      { type: 'failed', error: 'robot errcode 93000: invalid webhook url' }
    ]);
  });

  it('fails a request the receiver does not answer within the timeout', async () => {
    robot.behaviour = 'hang';
    const channel = webhookChannel({ url: robot.url, format: 'wecom', timeoutMs: 100 });
    const [result] = await channel.send([out(null)]);
    robot.release();
    expect(result).toMatchObject({ type: 'failed', error: expect.stringMatching(/timeout|aborted/i) });
  });

  it('skips a message with no URL of its own when no default is set', async () => {
    const channel = webhookChannel({ format: 'wecom', timeoutMs: 5000 });
    expect(await channel.send([out(null)])).toEqual([
      { type: 'skipped', reason: expect.stringContaining('NOTIFY_WEBHOOK_URL') }
    ]);
  });
});

describe('SMS channel', () => {
  it('signs each request so that the provider can check it', async () => {
    const provider = await startSmsProvider('the-right-key-0123456789');
    try {
      const right = smsChannel(
        jsonSmsProvider({ url: provider.url, key: 'the-right-key-0123456789', timeoutMs: 5000 }, clock),
        '{title}（{link}）'
      );
      const wrong = smsChannel(
        jsonSmsProvider({ url: provider.url, key: 'a-wrong-key-0123456789', timeoutMs: 5000 }, clock),
        '{title}'
      );
      expect(await right.send([out('13900139000')])).toEqual([{ type: 'sent' }]);
      expect(provider.received[0]?.body).toEqual({
        to: '13900139000',
        text: '工单 D-1 即将超时（/orders/D-1）'
      });
      expect(await wrong.send([out('13900139000')])).toEqual([
        { type: 'failed', error: 'SMS provider answered HTTP 401' }
      ]);
      expect(await right.send([out(null)])).toEqual([
        { type: 'skipped', reason: 'this person has no phone number' }
      ]);
    } finally {
      await provider.close();
    }
  });
});

describe('email channel', () => {
  it('fails when the SMTP server refuses the connection, and skips a person without an address', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const channel = emailChannel({
      smtpUrl: closed.url.replace('http:', 'smtp:'),
      from: 'dispatch@example.com',
      timeoutMs: 5000
    });
    try {
      expect(await channel.send([out('someone@example.com'), out(null)])).toEqual([
        { type: 'failed', error: expect.stringMatching(/ECONNREFUSED/) },
        { type: 'skipped', reason: 'this person has no email address' }
      ]);
    } finally {
      await channel.close?.();
    }
  });
});
