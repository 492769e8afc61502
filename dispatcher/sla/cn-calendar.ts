// The demo's calendars: round the clock, and mainland office hours with the State Council's public
// holidays and make-up working days (调休) for 2025 (国办发明电〔2024〕12号) and 2026 (published
// 2025-11-04). Data until admins edit calendars per region; next year's list is added when published.
import type { SlaCalendar, TimeRange } from './calendar';
import { DAY } from './time';

export const ALWAYS_CALENDAR: SlaCalendar = { id: '24x7', name: '全天候 24×7', kind: '24x7' };

const OFFICE: TimeRange[] = [{ start: '09:00', end: '18:00' }];

/** Every date from `from` to `to`, both included; a holiday's weekend days are listed too, harmlessly. */
function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const CN_BUSINESS_CALENDAR: SlaCalendar = {
  id: 'cn-business',
  name: '工作日 9:00–18:00（含法定节假日与调休）',
  kind: 'business_hours',
  week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] },
  holidays: [
    // 2025
    '2025-01-01',
    ...dates('2025-01-28', '2025-02-04'),
    ...dates('2025-04-04', '2025-04-06'),
    ...dates('2025-05-01', '2025-05-05'),
    ...dates('2025-05-31', '2025-06-02'),
    ...dates('2025-10-01', '2025-10-08'),
    // 2026
    ...dates('2026-01-01', '2026-01-03'),
    ...dates('2026-02-15', '2026-02-23'),
    ...dates('2026-04-04', '2026-04-06'),
    ...dates('2026-05-01', '2026-05-05'),
    ...dates('2026-06-19', '2026-06-21'),
    ...dates('2026-09-25', '2026-09-27'),
    ...dates('2026-10-01', '2026-10-07')
  ],
  makeupDays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10'
  ].map((date) => ({ date, hours: OFFICE }))
};
