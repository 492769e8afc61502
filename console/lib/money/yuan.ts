// Money on screen: whole fen in, exact yuan out, never through a float.

/** "¥12,331.20" from whole fen, in integers: a deduction shows as "-¥5.00". */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
