// "¥1,234.56" from whole fen, with grouping for a wall read at 3 m; integers throughout.
export function yuanGrouped(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
