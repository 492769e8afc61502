// Message keys for values that come from the server (service types, regions, statuses, rule names):
// a value the catalogue does not know yet falls back to its raw id rather than to a blank.
import { zhCN, type MessageKey } from '$lib/i18n/messages';
import type { OrderPriority } from '$realtime/events';

export function keyFor(prefix: string, id: string): MessageKey | null {
  const key = `${prefix}.${id}`;
  return key in zhCN ? (key as MessageKey) : null;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const labelOf = (t: Translate, prefix: string, id: string): string => {
  const key = keyFor(prefix, id);
  return key ? t(key) : id;
};

/** "12 min", "2 h 05 min": how long an order has been waiting. */
export function ageText(t: Translate, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return t('queue.age.minutes', { n: minutes });
  return t('queue.age.hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

export const PRIORITY_COLORS: Record<OrderPriority, { bg: string; fg: string }> = {
  critical: { bg: '#dc2626', fg: '#fff' },
  high: { bg: '#f59e0b', fg: '#111827' },
  normal: { bg: '#334155', fg: '#f8fafc' },
  low: { bg: '#1e293b', fg: '#cbd5e1' }
};
