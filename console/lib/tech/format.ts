// Small formatters for the phone's cards; language-neutral, so they need no catalogue entry.

/** "1:05": the time left to answer, rounded up, so "0:00" shows only once the time is really up. */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The number a `tel:` link dials: spaces and dashes dropped, a leading + kept. */
export const dialable = (phone: string): string => phone.replace(/[^\d+]/g, '');

/** "¥331.20" from whole fen, in integers: a deduction shows as "-¥5.00". */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "×1.2" from a line's factor (coefficient − 10,000 basis points). */
export const coefficientText = (factor: number): string => `×${(factor + 10_000) / 10_000}`;
