// The regions' dispatch policies as dispatch reads them: in memory, replaced when an admin changes one
// here and re-read now and then for changes made through another instance, so no restart is needed.
import { listRegionPolicies, type Database, type RegionPolicyRow } from '../../db';

export const POLICY_REFRESH_MS = 30_000;

export class RegionPolicies {
  #byId: Map<string, RegionPolicyRow>;
  #sets = 0;

  constructor(rows: readonly RegionPolicyRow[]) {
    this.#byId = new Map(rows.map((r) => [r.id, r]));
  }

  get(regionId: string): RegionPolicyRow | undefined {
    return this.#byId.get(regionId);
  }

  set(row: RegionPolicyRow): void {
    this.#byId.set(row.id, row);
    this.#sets++;
  }

  async refresh(db: Database): Promise<void> {
    const sets = this.#sets;
    const rows = await listRegionPolicies(db);
    // A change stored here while reading is newer than what was read: keep it until the next refresh.
    if (sets === this.#sets) this.#byId = new Map(rows.map((r) => [r.id, r]));
  }
}
