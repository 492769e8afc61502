import { describe, expect, it } from 'vitest';
import { DIGEST_LINES, digest } from '../../../realtime/notify/digest';
import { RETRY_BASE_MS, retryDelay } from '../../../realtime/notify/outbox';
import { renderSms } from '../../../realtime/notify/sms';
import { truncateUtf8, wecomMarkdown } from '../../../realtime/notify/webhook';
import { NotificationSchema, type Message } from '../../../realtime/schemas/notification';

const msg = (title: string, over: Partial<Message> = {}): Message => ({
  title,
  body: '',
  severity: 'info',
  ...over
});

describe('digest', () => {
  it('leaves a single message as it is', () => {
    const one = msg('工单 A 超时', { link: '/orders/A' });
    expect(digest([one])).toBe(one);
  });

  it('lists every title under a count, at the most severe level, with the link only when all share it', () => {
    const d = digest([
      msg('A', { severity: 'warning', orderId: 'o1', link: '/orders/o1' }),
      msg('B', { severity: 'critical', orderId: 'o1', link: '/orders/o1' }),
      msg('C', { orderId: 'o2', link: '/orders/o2' })
    ]);
    expect(d).toEqual({ title: '3 条提醒', body: '· A\n· B\n· C', severity: 'critical' });
    expect(digest([msg('A', { orderId: 'o1' }), msg('B', { orderId: 'o1' })]).orderId).toBe('o1');
  });

  it('shows at most DIGEST_LINES titles and counts the rest', () => {
    const many = Array.from({ length: DIGEST_LINES + 5 }, (_, i) => msg(`alert ${i}`));
    const lines = digest(many).body.split('\n');
    expect(lines).toHaveLength(DIGEST_LINES + 1);
    expect(lines.at(-1)).toBe('… 另有 5 条');
  });
});

describe('retry backoff', () => {
  it('doubles with each attempt and stays between half and all of it', () => {
    for (const attempt of [1, 2, 3, 4]) {
      const ceiling = RETRY_BASE_MS * 2 ** (attempt - 1);
      expect(retryDelay(attempt, () => 0)).toBe(ceiling / 2);
      expect(retryDelay(attempt, () => 1)).toBe(ceiling);
    }
  });

  it('never waits longer than half an hour', () => {
    expect(retryDelay(40, () => 1)).toBe(30 * 60_000);
  });
});

describe('message formats', () => {
  it('cuts WeCom markdown to the robot’s 4096 bytes without splitting a character', () => {
    const long = wecomMarkdown(msg('超时', { body: '派'.repeat(5000) }));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(4096);
    expect(long.endsWith('派')).toBe(true);
    expect(truncateUtf8('a派b', 3)).toBe('a');
  });

  it('fills the SMS template and drops what is missing', () => {
    expect(renderSms('{title}：{body} {link}', msg('工单 A 超时', { body: '请处理' }))).toBe(
      '工单 A 超时：请处理'
    );
  });
});

describe('notification input', () => {
  const base = { channel: 'email', title: 't', dedupeKey: 'k' } as const;

  it('takes a person, a role or an address by email, and fills the defaults', () => {
    expect(
      NotificationSchema.parse({ ...base, recipient: { type: 'address', address: 'a@example.com' } })
    ).toMatchObject({ body: '', severity: 'info' });
  });

  it('refuses recipients the channel cannot reach and addresses of the wrong kind', () => {
    const problems = (n: unknown) =>
      NotificationSchema.safeParse(n).error?.issues.map((i) => i.path.join('.'));
    expect(problems({ ...base, recipient: { type: 'address', address: 'not-mail' } })).toEqual([
      'recipient.address'
    ]);
    expect(problems({ ...base, channel: 'in_app', recipient: { type: 'default' } })).toEqual([
      'recipient.type'
    ]);
    expect(
      problems({ ...base, channel: 'webhook', recipient: { type: 'address', address: 'ftp://x' } })
    ).toEqual(['recipient.address']);
  });
});
