// Reading and editing SLA settings: anyone in the back office reads them, admins edit them. An edit
// names the version it was made on (409 when another edit came first), is checked by the kind's schema
// at the edge and here against what it refers to (422 naming the field), and is stored as a new version
// with its audit event in one transaction, so nothing is saved when anything is refused.
import { appendEvents, findSetting, insertSetting, type Database } from '../../db';
import type { Principal } from '../auth/scope';
import type { SlaSettingView } from '../contract';
import { HttpError } from '../http/errors';
import type { SettingKind, SettingValues, SlaSettings, Versioned } from './settings';

export const SETTINGS_CHANGED = 'sla.settings_changed';

export interface SettingEdit<K extends SettingKind> {
  kind: K;
  id: string;
  /** The body field holding the document, for error paths. */
  field: string;
  expectedVersion: number;
  reason: string;
  value: SettingValues[K];
}

const toView = <T>({ id, version, value }: Versioned<T>): SlaSettingView<T> => ({ id, version, value });

const invalid = (path: string, message: string) =>
  new HttpError(422, 'validation_failed', `invalid input: ${path}`, [{ path, message }]);

export class SlaSettingsService {
  constructor(
    private readonly db: Database,
    private readonly settings: SlaSettings
  ) {}

  list<K extends SettingKind>(user: Principal, kind: K): SlaSettingView<SettingValues[K]>[] {
    this.#mayRead(user);
    return this.settings.list(kind).map(toView);
  }

  read<K extends SettingKind>(user: Principal, kind: K, id: string): SlaSettingView<SettingValues[K]> {
    this.#mayRead(user);
    const found = this.settings.get(kind, id);
    if (!found) throw new HttpError(404, 'not_found', `no such ${kind.replace('_', ' ')}`);
    return toView(found);
  }

  async change<K extends SettingKind>(
    user: Principal,
    edit: SettingEdit<K>
  ): Promise<SlaSettingView<SettingValues[K]>> {
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only admins change SLA settings');
    this.#checkReferences(edit);
    const { kind, id } = edit;
    const saved = await this.db.transaction(async (tx) => {
      const current = await findSetting(tx, kind, id);
      const version = edit.expectedVersion + 1;
      const value = (kind === 'policy' ? { ...edit.value, version } : edit.value) as SettingValues[K];
      const conflict = () =>
        new HttpError(
          409,
          'version_conflict',
          `the ${kind} changed: it is at version ${current?.version ?? 0}`,
          undefined,
          {
            current: current ? { id, version: current.version, value: current.value } : null
          }
        );
      if ((current?.version ?? 0) !== edit.expectedVersion) throw conflict();
      const actor = `user:${user.username}`;
      if (!(await insertSetting(tx, { kind, id, version, value, actor }))) throw conflict();
      await appendEvents(tx, [
        {
          type: SETTINGS_CHANGED,
          aggregateType: 'sla_setting',
          aggregateId: `${kind}:${id}`,
          actor,
          payload: { before: current?.value ?? null, after: value, version, reason: edit.reason }
        }
      ]);
      return { id, version, value };
    });
    this.settings.set(kind, saved);
    return toView(saved);
  }

  #mayRead(user: Principal): void {
    if (user.role === 'technician')
      throw new HttpError(403, 'forbidden', 'SLA settings are for the back office');
  }

  /** A document names its own id (it must be the one edited); a policy names calendars that must exist. */
  #checkReferences<K extends SettingKind>(edit: SettingEdit<K>): void {
    const value = edit.value as Partial<{ id: string }>;
    if (value.id !== undefined && value.id !== edit.id)
      throw invalid(`${edit.field}.id`, `must be ${edit.id}, as in the path`);
    if (edit.kind !== 'policy') return;
    const { businessCalendars } = edit.value as SettingValues['policy'];
    const known = (calendarId: string) => this.settings.get('calendar', calendarId) !== undefined;
    if (!known(businessCalendars.default))
      throw invalid(`${edit.field}.businessCalendars.default`, `no calendar ${businessCalendars.default}`);
    for (const [region, calendarId] of Object.entries(businessCalendars.byRegion))
      if (!known(calendarId))
        throw invalid(`${edit.field}.businessCalendars.byRegion.${region}`, `no calendar ${calendarId}`);
  }
}
