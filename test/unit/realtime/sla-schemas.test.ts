import { describe, expect, it } from 'vitest';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../../dispatcher/sla/cn-calendar';
import { DEFAULT_DWELL_RULES } from '../../../dispatcher/sla/dwell';
import { DEFAULT_LADDER } from '../../../dispatcher/sla/ladder';
import { DEFAULT_SLA_POLICY } from '../../../dispatcher/sla/policy';
import { DEFAULT_RED_ALERT_RULE } from '../../../dispatcher/sla/red-alert';
import { HttpError, parseInput, zodFields } from '../../../realtime/http/errors';
import {
  DwellRulesSchema,
  EscalationLadderSchema,
  RedAlertRuleSchema,
  SlaCalendarSchema,
  SlaPolicySchema
} from '../../../realtime/schemas/sla';
import type { z } from 'zod';

/** The paths of every refused field, as the 422 body lists them. */
function refused(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('accepted');
  return zodFields(result.error).map((f) => f.path);
}

const week = CN_BUSINESS_CALENDAR.kind === 'business_hours' ? CN_BUSINESS_CALENDAR.week : undefined;
const business = { id: 'sh', name: '上海', kind: 'business_hours', week, holidays: [], makeupDays: [] };

describe('SLA input schemas', () => {
  it('accept the demo defaults as they are', () => {
    expect(SlaPolicySchema.parse(DEFAULT_SLA_POLICY)).toEqual(DEFAULT_SLA_POLICY);
    expect(SlaCalendarSchema.parse(CN_BUSINESS_CALENDAR)).toEqual(CN_BUSINESS_CALENDAR);
    expect(SlaCalendarSchema.parse(ALWAYS_CALENDAR)).toEqual(ALWAYS_CALENDAR);
    expect(EscalationLadderSchema.parse(DEFAULT_LADDER)).toEqual(DEFAULT_LADDER);
    expect(DwellRulesSchema.parse(DEFAULT_DWELL_RULES)).toEqual(DEFAULT_DWELL_RULES);
    expect(RedAlertRuleSchema.parse(DEFAULT_RED_ALERT_RULE)).toEqual(DEFAULT_RED_ALERT_RULE);
  });

  it('refuse zero and negative targets, naming each', () => {
    const { byPriority } = DEFAULT_SLA_POLICY;
    const policy = {
      ...DEFAULT_SLA_POLICY,
      byPriority: { ...byPriority, high: { ...byPriority.high, responseMs: 0 } },
      byServiceType: { gas_stove: { low: { ...byPriority.low, resolutionMs: -1 } } }
    };
    expect(refused(SlaPolicySchema, policy)).toEqual([
      'byPriority.high.responseMs',
      'byServiceType.gas_stove.low.resolutionMs'
    ]);
  });

  it('refuse a policy that leaves a priority without targets, or names an unknown service type', () => {
    const { low, normal, high } = DEFAULT_SLA_POLICY.byPriority;
    const partial = { ...DEFAULT_SLA_POLICY, byPriority: { low, normal, high } };
    expect(refused(SlaPolicySchema, partial)).toEqual(['byPriority.critical']);
    const unknown = SlaPolicySchema.safeParse({ ...DEFAULT_SLA_POLICY, byServiceType: { teleport: {} } });
    expect(unknown.error && zodFields(unknown.error)).toEqual([
      { path: 'byServiceType', message: 'Unrecognized key: "teleport"' }
    ]);
  });

  it('refuse a warning point that is not strictly between start and due time', () => {
    expect(refused(SlaPolicySchema, { ...DEFAULT_SLA_POLICY, warningRatio: 1 })).toEqual(['warningRatio']);
  });

  it('refuse overlapping hours of a day, naming the later range', () => {
    const overlapping = {
      ...business,
      week: {
        ...week,
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:30', end: '18:00' }
        ]
      }
    };
    expect(refused(SlaCalendarSchema, overlapping)).toEqual(['week.mon.1']);
  });

  it('refuse inverted or malformed hours, naming the field', () => {
    const inverted = { ...business, week: { ...week, tue: [{ start: '18:00', end: '09:00' }] } };
    expect(refused(SlaCalendarSchema, inverted)).toEqual(['week.tue.0.end']);
    const malformed = { ...business, week: { ...week, wed: [{ start: '9:00', end: '25:00' }] } };
    expect(refused(SlaCalendarSchema, malformed)).toEqual(['week.wed.0.start', 'week.wed.0.end']);
  });

  it('refuse a week without working hours, a make-up day that is also a holiday, and impossible dates', () => {
    const closed = { ...business, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(refused(SlaCalendarSchema, closed)).toEqual(['week']);
    const clash = {
      ...business,
      holidays: ['2025-10-01', '2025-02-30'],
      makeupDays: [{ date: '2025-10-01', hours: [{ start: '09:00', end: '18:00' }] }]
    };
    expect(refused(SlaCalendarSchema, clash)).toEqual(['holidays.1', 'makeupDays.0.date']);
  });

  it('keep the id of the round-the-clock calendar for it alone', () => {
    expect(refused(SlaCalendarSchema, { ...business, id: '24x7' })).toEqual(['id']);
  });

  it('refuse ladder levels out of order, naming the level that comes too soon', () => {
    const [one, two, three] = DEFAULT_LADDER.levels;
    const ladder = { ...DEFAULT_LADDER, levels: [one, three, two] };
    expect(refused(EscalationLadderSchema, ladder)).toEqual(['levels.2.delayMs']);
    expect(refused(EscalationLadderSchema, { ...DEFAULT_LADDER, levels: [one, one] })).toEqual([
      'levels.1.delayMs'
    ]);
  });

  it('refuse an unknown channel or role, and an assignee who cannot hold an order', () => {
    const [one, two, three] = DEFAULT_LADDER.levels;
    const ladder = {
      ...DEFAULT_LADDER,
      levels: [
        { ...one, channel: 'pager' },
        { ...two, recipients: [{ role: 'ceo', scope: 'all' }] },
        { ...three, recipients: [{ role: 'regional_manager', scope: 'assignee' }] }
      ]
    };
    expect(refused(EscalationLadderSchema, ladder)).toEqual([
      'levels.0.channel',
      'levels.1.recipients.0.role',
      'levels.2.recipients.0.scope'
    ]);
  });

  it('refuse a repeating ladder whose cycle takes no time', () => {
    const instant = { ...DEFAULT_LADDER, levels: [{ ...DEFAULT_LADDER.levels[0], delayMs: 0 }], repeat: 1 };
    expect(refused(EscalationLadderSchema, instant)).toEqual(['repeat']);
  });

  it('refuse two limits for one node and a keyword listed twice in another width', () => {
    const rule = DEFAULT_DWELL_RULES[0];
    expect(refused(DwellRulesSchema, [rule, rule])).toEqual(['1.node']);
    expect(refused(RedAlertRuleSchema, { keywords: ['LPG泄漏', 'ｌｐｇ 泄漏'], responseMs: 1 })).toEqual([
      'keywords.1'
    ]);
  });

  it('answer a refused policy with a 422 that names the field', () => {
    const bad = {
      ...DEFAULT_SLA_POLICY,
      byPriority: { ...DEFAULT_SLA_POLICY.byPriority, low: { responseMs: 0 } }
    };
    let error: unknown;
    try {
      parseInput(SlaPolicySchema, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
    expect((error as HttpError).fields?.map((f) => f.path)).toContain('byPriority.low.responseMs');
  });
});
