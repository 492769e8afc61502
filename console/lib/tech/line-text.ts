// A quote line in the reader's language. The Chinese label names what applied ('区域系数 华东·一线城市 ×1.2');
// other languages get the kind of line from the catalogue and the coefficient.
import type { Locale } from '$lib/i18n/locale.svelte';
import type { MessageKey } from '$lib/i18n/messages';
import type { SettlementView } from '$realtime/contract';
import { coefficientText } from './format';

export function lineText(locale: Pick<Locale, 'code' | 't'>, line: SettlementView['lines'][number]): string {
  if (locale.code === 'zh-CN') return line.label;
  const name = locale.t(`earnings.line.${line.key}` as MessageKey);
  return line.key === 'base' || line.key === 'parts' ? name : `${name} ${coefficientText(line.factor)}`;
}
