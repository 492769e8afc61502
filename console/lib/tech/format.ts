// Small formatters for the phone's cards; language-neutral, so they need no catalogue entry.

/** "1:05": the time left to answer, rounded up, so "0:00" shows only once the time is really up. */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The number a `tel:` link dials: spaces and dashes dropped, a leading + kept. */
export const dialable = (phone: string): string => phone.replace(/[^\d+]/g, '');

/** "×1.2" from a line's factor (coefficient − 10,000 basis points). */
export const coefficientText = (factor: number): string => `×${(factor + 10_000) / 10_000}`;
