// Several alerts for one person on one channel become one message: a line per alert, the most severe
// level, and the order's link only when every alert is about the same order.
import { SEVERITIES } from '../schemas/notification';
import type { Message } from './channel';

/** Lines shown in one digest; the rest are counted, so a flood stays one readable message. */
export const DIGEST_LINES = 20;

export function digest(messages: readonly Message[]): Message {
  const [first] = messages;
  if (!first) throw new Error('a digest needs at least one message');
  if (messages.length === 1) return first;
  const shown = messages.slice(0, DIGEST_LINES).map((m) => `· ${m.title}`);
  const rest = messages.length - shown.length;
  if (rest > 0) shown.push(`… 另有 ${rest} 条`);
  const severity = messages.reduce(
    (worst, m) => (SEVERITIES.indexOf(m.severity) > SEVERITIES.indexOf(worst) ? m.severity : worst),
    first.severity
  );
  const same = <K extends 'link' | 'orderId'>(key: K) =>
    messages.every((m) => m[key] === first[key]) ? first[key] : undefined;
  return {
    title: `${messages.length} 条提醒`,
    body: shown.join('\n'),
    severity,
    link: same('link'),
    orderId: same('orderId')
  };
}
