// What admins send to edit SLA policies, calendars, escalation ladders, dwell rules and red-alert
// keywords. Each schema's output is the domain type of dispatcher/sla (checked by `satisfies`), so a
// parsed value goes to the rules as it is; a refused one is a 422 naming the field (http/errors.ts).
import { z } from 'zod';
import { minutesOf, WEEKDAYS, type SlaCalendar, type Weekday } from '../../dispatcher/sla/calendar';
import { ALWAYS_CALENDAR } from '../../dispatcher/sla/cn-calendar';
import type { DwellRule } from '../../dispatcher/sla/dwell';
import type { EscalationLadder } from '../../dispatcher/sla/ladder';
import { DEFAULT_WARNING_RATIO, type SlaGoal, type SlaPolicy } from '../../dispatcher/sla/policy';
import { CHANNELS, RECIPIENT_ROLES, RECIPIENT_SCOPES, type Recipient } from '../../dispatcher/sla/recipients';
import { normalizeForMatch, type RedAlertRule } from '../../dispatcher/sla/red-alert';
import { PAUSE_REASONS, SLA_METRICS } from '../../dispatcher/sla/sla-clock';
import { ORDER_PRIORITIES } from '../../dispatcher/work-order/intake';
import { SERVICE_TYPE_IDS } from '../../dispatcher/work-order/service-types';
import { WORK_ORDER_STATUSES } from '../../dispatcher/work-order/status';

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(100);
/** A target, limit or timeout: whole milliseconds, more than none. */
const duration = z.number().int('whole milliseconds').positive('must be more than zero');
const ratio = z.number().gt(0, 'must be more than 0').lt(1, 'must be less than 1');

const hhmm = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM, 00:00 to 24:00');

const TimeRangeSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((r) => minutesOf(r.start) < minutesOf(r.end), { path: ['end'], message: 'must be after start' });

/** The ranges of one day; the later of two overlapping ones is named. */
const DayHoursSchema = z
  .array(TimeRangeSchema)
  .max(8)
  .superRefine((ranges, ctx) => {
    const spans = ranges.map((r) => [minutesOf(r.start), minutesOf(r.end)] as const);
    spans.forEach(([start, end], i) => {
      const other = spans.findIndex(([s, e], j) => j < i && start < e && s < end);
      if (other >= 0)
        ctx.addIssue({ code: 'custom', path: [i], message: `overlaps range ${other} of the same day` });
    });
  });

const WeekSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, DayHoursSchema])) as Record<Weekday, typeof DayHoursSchema>
);

const date = z.iso.date('expected a date, YYYY-MM-DD');

export const SlaCalendarSchema = z
  .discriminatedUnion('kind', [
    z.object({ id, name, kind: z.literal('24x7') }),
    z.object({
      id,
      name,
      kind: z.literal('business_hours'),
      week: WeekSchema,
      holidays: z.array(date).max(1000).default([]),
      makeupDays: z
        .array(z.object({ date, hours: DayHoursSchema.min(1, 'a make-up day needs working hours') }))
        .max(200)
        .default([])
    })
  ])
  .superRefine((calendar, ctx) => {
    if (calendar.kind === '24x7') return;
    if (calendar.id === ALWAYS_CALENDAR.id)
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `${ALWAYS_CALENDAR.id} is the round-the-clock calendar`
      });
    // Without any working weekday, due times would never come once the listed make-up days are over.
    if (WEEKDAYS.every((d) => calendar.week[d].length === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'needs working hours on at least one weekday'
      });
    const holidays = new Set(calendar.holidays);
    const seen = new Set<string>();
    calendar.makeupDays.forEach((m, i) => {
      if (holidays.has(m.date) || seen.has(m.date))
        ctx.addIssue({
          code: 'custom',
          path: ['makeupDays', i, 'date'],
          message: holidays.has(m.date) ? 'is also a holiday' : 'is listed twice'
        });
      seen.add(m.date);
    });
  }) satisfies z.ZodType<SlaCalendar, unknown>;

const SlaGoalSchema = z.object({
  responseMs: duration,
  arrivalMs: duration,
  resolutionMs: duration,
  basis: z.enum(['24x7', 'business_hours']),
  warningRatio: ratio.optional()
}) satisfies z.ZodType<SlaGoal, unknown>;

export const SlaPolicySchema = z.object({
  id,
  name,
  version: z.number().int().min(1),
  warningRatio: ratio.default(DEFAULT_WARNING_RATIO),
  byPriority: z.record(z.enum(ORDER_PRIORITIES), SlaGoalSchema),
  byServiceType: z
    .partialRecord(z.enum(SERVICE_TYPE_IDS), z.partialRecord(z.enum(ORDER_PRIORITIES), SlaGoalSchema))
    .default({}),
  pauses: z.record(z.enum(PAUSE_REASONS), z.array(z.enum(SLA_METRICS)).max(SLA_METRICS.length)),
  businessCalendars: z.object({ default: id, byRegion: z.record(id, id).default({}) })
}) satisfies z.ZodType<SlaPolicy, unknown>;

const RecipientSchema = z
  .object({ role: z.enum(RECIPIENT_ROLES), scope: z.enum(RECIPIENT_SCOPES) })
  .refine((r) => r.scope !== 'assignee' || r.role === 'technician', {
    path: ['scope'],
    message: 'only a technician holds an order'
  }) satisfies z.ZodType<Recipient, unknown>;

const EscalationLevelSchema = z.object({
  delayMs: z.number().int('whole milliseconds').min(0),
  recipients: z.array(RecipientSchema).min(1).max(20),
  channel: z.enum(CHANNELS)
});

export const EscalationLadderSchema = z
  .object({
    id,
    name,
    levels: z
      .array(EscalationLevelSchema)
      .min(1)
      .max(10)
      .superRefine((levels, ctx) =>
        levels.forEach((level, i) => {
          const before = levels[i - 1];
          if (before && level.delayMs <= before.delayMs)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'delayMs'],
              message: 'must be later than the level before'
            });
        })
      ),
    repeat: z.number().int().min(0).max(10).default(0),
    ackTimeoutMs: duration.nullable()
  })
  // A repeat starts when the last level was due: at 0 ms, every repeat would fire at the trigger.
  .refine((l) => l.repeat === 0 || (l.levels.at(-1)?.delayMs ?? 0) > 0, {
    path: ['repeat'],
    message: 'needs a last level later than 0 ms'
  }) satisfies z.ZodType<EscalationLadder, unknown>;

export const DwellRulesSchema = z
  .array(
    z.object({
      node: z.enum([...WORK_ORDER_STATUSES, ...PAUSE_REASONS]),
      limitMs: duration,
      owner: RecipientSchema,
      channel: z.enum(CHANNELS)
    })
  )
  .max(50)
  .superRefine((rules, ctx) =>
    rules.forEach((rule, i) => {
      if (rules.findIndex((r) => r.node === rule.node) < i)
        ctx.addIssue({ code: 'custom', path: [i, 'node'], message: 'has a limit already' });
    })
  ) satisfies z.ZodType<DwellRule[], unknown>;

export const RedAlertRuleSchema = z.object({
  keywords: z
    .array(z.string().trim().min(1).max(50))
    .max(500)
    .superRefine((keywords, ctx) => {
      const keys = keywords.map(normalizeForMatch);
      keys.forEach((key, i) => {
        if (keys.indexOf(key) < i)
          ctx.addIssue({ code: 'custom', path: [i], message: `is the same as keyword ${keys.indexOf(key)}` });
      });
    }),
  responseMs: duration
}) satisfies z.ZodType<RedAlertRule, unknown>;
