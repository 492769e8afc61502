// The finance statement as CSV that Excel opens as it is: UTF-8 with a byte-order mark (else Excel reads
// the Chinese as its local code page), CRLF line ends and RFC 4180 quoting. One record per breakdown
// line and per share of each settlement, then the totals, each amount in 元 with two decimals written
// from the integer fen (never through a float).
import { PARTIES } from '../../dispatcher/settlement/party';
import type { Totals } from '../../dispatcher/settlement/totals';
import type { FinanceSettlementsPage, FinanceSettlementView } from '../contract';
import { beijingIso } from './month';

export const BOM = '\uFEFF';

export const STATEMENT_HEADER = [
  '记录 record',
  '订单 order',
  '区域 region',
  '城市 city',
  '服务商 partner',
  '师傅 technician',
  '状态 status',
  '报价时间 quoted at',
  '项目 item',
  '说明 label',
  '基数(元) basis',
  '系数 factor',
  '金额(元) amount'
];

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** An integer of hundredths (or ten-thousandths) as a plain decimal, digit by digit: no float between. */
function decimal(n: number, places: number): string {
  const scale = 10 ** places;
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.trunc(abs / scale)}.${String(abs % scale).padStart(places, '0')}`;
}

/** Whole fen as 元 with two decimals: -5 → '-0.05'. */
export const yuanText = (fen: number): string => decimal(fen, 2);

/** Basis points as a plain decimal with four places: 2,000 → '0.2000', 10,000 → '1.0000'. */
export const factorText = (bp: number): string => decimal(bp, 4);

/** The records of one settlement: its lines, then its three shares. */
export function settlementRecords(s: FinanceSettlementView): string {
  const who = [
    s.orderId,
    s.regionId,
    s.cityName ?? s.cityId,
    s.partnerName ?? '',
    s.technicianName ?? s.technicianId ?? '',
    s.status,
    beijingIso(new Date(s.quotedAt))
  ];
  let out = '';
  for (const line of s.lines)
    out += csvRecord([
      'line',
      ...who,
      line.key,
      line.label,
      yuanText(line.basis),
      factorText(line.factor),
      yuanText(line.amount)
    ]);
  for (const party of PARTIES)
    out += csvRecord(['share', ...who, party, party, '', '', yuanText(s.shares[party])]);
  return out;
}

const TOTAL_KEYS = ['total', 'platform', 'partner', 'technician', 'pending', 'payable', 'paid'] as const;

function totalRecords(
  record: string,
  where: { region?: string; partner?: string; period?: string },
  t: Totals
): string {
  const cells = (key: string, amount: string) =>
    csvRecord([
      record,
      '',
      where.region ?? '',
      '',
      where.partner ?? '',
      '',
      '',
      where.period ?? '',
      key,
      key,
      '',
      '',
      amount
    ]);
  let out = cells('settlements', String(t.settlements));
  for (const key of TOTAL_KEYS) out += cells(key, yuanText(t[key]));
  return out;
}

/** The totals at the end: over all, then by region, partner (none: direct) and period. */
export function totalsRecords(totals: FinanceSettlementsPage['totals']): string {
  let out = totalRecords('total:all', {}, totals.all);
  for (const t of totals.byRegion) out += totalRecords('total:region', { region: t.regionId }, t);
  for (const t of totals.byPartner)
    out += totalRecords('total:partner', { partner: t.partnerName ?? t.partnerId ?? 'none' }, t);
  for (const t of totals.byPeriod) out += totalRecords('total:period', { period: t.period }, t);
  return out;
}
