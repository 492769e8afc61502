// Red alerts: words in an order that mean danger to people (a gas leak, live wires, an allergic
// reaction, food safety). Such an order is critical from intake, must be answered within 30 minutes, and
// goes straight to the top of the escalation ladder.
import { MINUTE } from './time';

export interface RedAlertRule {
  /** Edited by admins; matched without regard to case, full/half width or spaces. */
  keywords: string[];
  /** The response target of a red-alert order (the policy's, if that is shorter). */
  responseMs: number;
}

export const DEFAULT_RED_ALERT_RULE: RedAlertRule = {
  keywords: ['燃气泄漏', '煤气泄漏', '漏电', '触电', '起火', '过敏', '食品安全'],
  responseMs: 30 * MINUTE
};

/** What a red alert does to an order at intake. */
export interface RedAlert {
  /** The rule's keywords found, in the rule's order and spelling. */
  keywords: string[];
  priority: 'critical';
  responseMs: number;
  /** The escalation ladder starts at its top level, at once. */
  escalateToTop: true;
}

/** The text of an order that keywords are looked for in. */
export interface RedAlertInput {
  description: string;
  /** Template form fields: every string in them is searched, however deeply nested. */
  fields: Record<string, unknown>;
}

/**
 * NFKC folds full-width letters and digits (ＬＰＧ) to half width and the ideographic space to a space;
 * spaces are dropped because people type 燃 气 泄 漏 and 燃气 泄漏.
 */
export const normalizeForMatch = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

export function detectRedAlert(rule: RedAlertRule, order: RedAlertInput): RedAlert | null {
  // Joined with a separator that survives normalization, so no keyword spans two fields.
  const text = [order.description, ...strings(order.fields)].map(normalizeForMatch).join('\n');
  const keywords = rule.keywords.filter((k) => {
    const key = normalizeForMatch(k);
    return key.length > 0 && text.includes(key);
  });
  if (keywords.length === 0) return null;
  return { keywords, priority: 'critical', responseMs: rule.responseMs, escalateToTop: true };
}
