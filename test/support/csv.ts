// Reading the CSV statement back in tests: its records, and its yuan amounts as fen.
/** RFC 4180 records of a CSV body (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      field = '';
      record = [];
      i++;
    } else field += c;
  }
  return records;
}
/** '-12.34' → -1234 fen, by the digits (no float). */
export const fenOf = (yuan: string) => {
  const [whole = '0', cents = '00'] = yuan.replace('-', '').split('.');
  return (yuan.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(cents));
};
