// SLA policies: what an order owes its customer, per priority and, where it differs, per service type.
// Data edited by admins and versioned: an order copies its goal's terms into its clocks when it starts
// (order-sla.ts), so an edit applies to orders created after it, never to open ones.
import type { OrderPriority } from '../work-order/intake';
import type { ServiceTypeId } from '../work-order/service-types';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from './cn-calendar';
import type { PauseReason, SlaMetric, SlaTerms } from './sla-clock';
import { HOUR, MINUTE } from './time';

/**
 * In which time a goal counts: round the clock, or the business calendar of the order's region (the
 * region's office hours and holidays).
 */
export type SlaTimeBasis = '24x7' | 'business_hours';

/** The three targets of one priority (and service type), each measured from intake, in counted time. */
export interface SlaGoal {
  /** Until the order is first assigned (or an offer accepted). */
  responseMs: number;
  /** Until the technician arrives on site. */
  arrivalMs: number;
  /** Until the work is completed. */
  resolutionMs: number;
  basis: SlaTimeBasis;
  /** Overrides the policy's warning ratio for this goal. */
  warningRatio?: number;
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Raised by one on every edit; an order keeps the version it started with. */
  version: number;
  /** 0 < ratio < 1: the warning comes when this share of a target has counted. */
  warningRatio: number;
  byPriority: Record<OrderPriority, SlaGoal>;
  /** Goals that differ from `byPriority` for a service type; absent ones fall back to it. */
  byServiceType: Partial<Record<ServiceTypeId, Partial<Record<OrderPriority, SlaGoal>>>>;
  /** Which clocks each waiting state stops. */
  pauses: Record<PauseReason, SlaMetric[]>;
  /** The calendar id of `business_hours` goals: the region's own, else the default. */
  businessCalendars: { default: string; byRegion: Record<string, string> };
}

export const DEFAULT_WARNING_RATIO = 0.75;

/** A business day of the demo calendar (09:00–18:00) in counted time. */
const BUSINESS_DAY = 9 * HOUR;

/**
 * Critical and high orders count round the clock (a gas leak does not wait for Monday); normal and low
 * ones count in office hours, so their multi-day targets read as business days.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  id: 'default',
  name: '默认服务水平',
  version: 1,
  warningRatio: DEFAULT_WARNING_RATIO,
  byPriority: {
    critical: { responseMs: 30 * MINUTE, arrivalMs: 4 * HOUR, resolutionMs: 24 * HOUR, basis: '24x7' },
    high: { responseMs: 1 * HOUR, arrivalMs: 8 * HOUR, resolutionMs: 48 * HOUR, basis: '24x7' },
    normal: {
      responseMs: 2 * HOUR,
      arrivalMs: 2 * BUSINESS_DAY,
      resolutionMs: 5 * BUSINESS_DAY,
      basis: 'business_hours'
    },
    low: {
      responseMs: 4 * HOUR,
      arrivalMs: 3 * BUSINESS_DAY,
      resolutionMs: 10 * BUSINESS_DAY,
      basis: 'business_hours'
    }
  },
  byServiceType: {
    // Chain stores' cold rooms: spoiled stock is a food-safety matter, so a technician is on site sooner.
    commercial_refrigeration: {
      critical: { responseMs: 30 * MINUTE, arrivalMs: 2 * HOUR, resolutionMs: 12 * HOUR, basis: '24x7' },
      high: { responseMs: 1 * HOUR, arrivalMs: 4 * HOUR, resolutionMs: 24 * HOUR, basis: '24x7' }
    }
  },
  pauses: {
    // The customer is out of reach: nothing can move on any clock.
    waiting_customer: ['response', 'arrival', 'resolution'],
    // Missing parts hold the visit and the repair; finding a technician is still the dispatcher's job.
    waiting_parts: ['arrival', 'resolution']
  },
  businessCalendars: { default: CN_BUSINESS_CALENDAR.id, byRegion: {} }
};

export function goalFor(policy: SlaPolicy, serviceType: ServiceTypeId, priority: OrderPriority): SlaGoal {
  return policy.byServiceType[serviceType]?.[priority] ?? policy.byPriority[priority];
}

/** The terms of one metric's clock for an order of this kind in this region. */
export function termsFor(policy: SlaPolicy, goal: SlaGoal, metric: SlaMetric, regionId: string): SlaTerms {
  const { businessCalendars } = policy;
  return {
    targetMs: { response: goal.responseMs, arrival: goal.arrivalMs, resolution: goal.resolutionMs }[metric],
    warningRatio: goal.warningRatio ?? policy.warningRatio,
    calendarId:
      goal.basis === '24x7'
        ? ALWAYS_CALENDAR.id
        : (businessCalendars.byRegion[regionId] ?? businessCalendars.default),
    pausedBy: (Object.keys(policy.pauses) as PauseReason[]).filter((r) => policy.pauses[r].includes(metric))
  };
}
