// The SLA settings this process works with: the latest version of each policy, calendar, ladder, the
// red-alert rule and the dwell rules, read from `sla_settings` (seeded from the dispatcher's defaults on
// first start). Replaced on an edit here, re-read every REFRESH_MS for edits made on another instance.
import { findSetting, listLatestSettings, seedSettings, type Database, type Executor } from '../../db';
import type { SlaCalendar } from '../../dispatcher/sla/calendar';
import { ALWAYS_CALENDAR, CN_BUSINESS_CALENDAR } from '../../dispatcher/sla/cn-calendar';
import { DEFAULT_DWELL_RULES, type DwellRule } from '../../dispatcher/sla/dwell';
import { DEFAULT_LADDER, type EscalationLadder } from '../../dispatcher/sla/ladder';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../dispatcher/sla/policy';
import { DEFAULT_RED_ALERT_RULE, type RedAlertRule } from '../../dispatcher/sla/red-alert';

export const SETTINGS_REFRESH_MS = 30_000;

/** What each kind of setting holds. */
export interface SettingValues {
  policy: SlaPolicy;
  calendar: SlaCalendar;
  ladder: EscalationLadder;
  red_alert: RedAlertRule;
  dwell: DwellRule[];
}
export type SettingKind = keyof SettingValues;

/** The id of the one policy and ladder every order uses, and of the single red-alert and dwell settings. */
export const DEFAULT_ID = 'default';

export interface Versioned<T> {
  id: string;
  version: number;
  value: T;
}

const DEFAULTS: { kind: SettingKind; id: string; value: unknown }[] = [
  { kind: 'policy', id: DEFAULT_SLA_POLICY.id, value: DEFAULT_SLA_POLICY },
  { kind: 'calendar', id: ALWAYS_CALENDAR.id, value: ALWAYS_CALENDAR },
  { kind: 'calendar', id: CN_BUSINESS_CALENDAR.id, value: CN_BUSINESS_CALENDAR },
  { kind: 'ladder', id: DEFAULT_LADDER.id, value: DEFAULT_LADDER },
  { kind: 'red_alert', id: DEFAULT_ID, value: DEFAULT_RED_ALERT_RULE },
  { kind: 'dwell', id: DEFAULT_ID, value: DEFAULT_DWELL_RULES }
];

const keyOf = (kind: SettingKind, id: string) => `${kind}:${id}`;

export class SlaSettings {
  #latest = new Map<string, Versioned<unknown>>();

  static async load(db: Database): Promise<SlaSettings> {
    await seedSettings(
      db,
      DEFAULTS.map((d) => ({ ...d, version: 1, actor: 'system:defaults' }))
    );
    const settings = new SlaSettings();
    await settings.refresh(db);
    return settings;
  }

  async refresh(db: Executor): Promise<void> {
    const rows = await listLatestSettings(db);
    this.#latest = new Map(
      rows.map((r) => [keyOf(r.kind as SettingKind, r.id), { id: r.id, version: r.version, value: r.value }])
    );
  }

  set<K extends SettingKind>(kind: K, setting: Versioned<SettingValues[K]>): void {
    this.#latest.set(keyOf(kind, setting.id), setting);
  }

  get<K extends SettingKind>(kind: K, id: string): Versioned<SettingValues[K]> | undefined {
    return this.#latest.get(keyOf(kind, id)) as Versioned<SettingValues[K]> | undefined;
  }

  list<K extends SettingKind>(kind: K): Versioned<SettingValues[K]>[] {
    return [...this.#latest.entries()]
      .filter(([key]) => key.startsWith(`${kind}:`))
      .map(([, v]) => v as Versioned<SettingValues[K]>);
  }

  #current<K extends SettingKind>(kind: K, id: string): Versioned<SettingValues[K]> {
    const found = this.get(kind, id);
    if (!found) throw new Error(`no ${kind} ${id}: the SLA settings were not seeded`);
    return found;
  }

  policy = (): Versioned<SlaPolicy> => this.#current('policy', DEFAULT_ID);
  ladder = (): Versioned<EscalationLadder> => this.#current('ladder', DEFAULT_ID);
  redAlertRule = (): RedAlertRule => this.#current('red_alert', DEFAULT_ID).value;
  dwellRules = (): DwellRule[] => this.#current('dwell', DEFAULT_ID).value;

  /** Calendars are living data: the latest version counts, for open clocks too. Unknown: round the clock. */
  calendar = (id: string): SlaCalendar => this.get('calendar', id)?.value ?? ALWAYS_CALENDAR;

  /** The ladder version an order started with (versions never change once stored). */
  async ladderAt(db: Executor, id: string, version: number): Promise<EscalationLadder> {
    const latest = this.get('ladder', id);
    if (latest?.version === version) return latest.value;
    const row = await findSetting(db, 'ladder', id, version);
    return (row?.value as EscalationLadder | undefined) ?? this.ladder().value;
  }
}
