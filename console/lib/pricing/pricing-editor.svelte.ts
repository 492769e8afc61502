import type { ChangeRequestView, PricePreview, PriceTableView } from '$realtime/contract';
import type { Fetch } from '$lib/api/http';
import {
  decideRequest,
  fetchApprovals,
  fetchTable,
  previewQuote,
  saveRegion,
  TIERS,
  tiersOf,
  type Outcome,
  type SampleFacts,
  type Tiers
} from './api';

export type PricingNotice =
  | { kind: 'saved'; version: number }
  | { kind: 'pending' }
  | { kind: 'conflict' }
  | { kind: 'invalid' }
  | { kind: 'forbidden' }
  | { kind: 'failed'; message: string };

/** The sample order picker: what a manager thinks of an order as, not its raw facts. */
export interface SampleDraft {
  itemId: string;
  cityTier: 1 | 2 | 3;
  altitudeM: number;
  priority: SampleFacts['priority'];
  crossRegion: boolean;
  afterHours: boolean;
  /** One part at cost, in yuan; 0 for none. */
  partYuan: number;
}

/** A standard AC install at street level in a tier-1 city, in working hours: the seed's first example. */
export const DEFAULT_SAMPLE: SampleDraft = {
  itemId: 'ac_install',
  cityTier: 1,
  altitudeM: 50,
  priority: 'normal',
  crossRegion: false,
  afterHours: false,
  partYuan: 0
};

/** Coefficients as people write them (1.2), one per city tier. */
export type CoefficientDraft = Record<keyof Tiers, number>;

const BP_ONE = 10_000;
const toBp = (x: number) => Math.round(x * BP_ONE);
const fromBp = (tiers: Tiers): CoefficientDraft => ({
  tier1: tiers.tier1 / BP_ONE,
  tier2: tiers.tier2 / BP_ONE,
  tier3: tiers.tier3 / BP_ONE
});
/** A typed coefficient that can be sent at all: the server judges the range. */
const usable = (x: number) => Number.isFinite(x) && x > 0;

const HOUR = 3_600_000;
/** Today at `hour` o'clock in Beijing (UTC+8, no daylight saving), where the table's hours are counted. */
function beijingToday(now: number, hour: number): number {
  const day = Math.floor((now + 8 * HOUR) / (24 * HOUR));
  return day * 24 * HOUR + (hour - 8) * HOUR;
}

/** The sample's facts for a region; a cross-region sample is served from the first other region. */
export function sampleFacts(
  draft: SampleDraft,
  regionId: string,
  regionIds: readonly string[],
  now: number,
  partName: string
): SampleFacts {
  return {
    itemId: draft.itemId,
    regionId,
    cityTier: draft.cityTier,
    altitudeM: draft.altitudeM,
    serviceAt: beijingToday(now, draft.afterHours ? 22 : 10),
    priority: draft.priority,
    technicianRegionId: draft.crossRegion ? (regionIds.find((id) => id !== regionId) ?? null) : regionId,
    parts:
      draft.partYuan > 0
        ? [
            {
              sku: 'SAMPLE',
              name: partName,
              quantity: 1,
              unitCost: Math.round(draft.partYuan * 100),
              supplier: 'platform'
            }
          ]
        : []
  };
}

/**
 * The price table editor: one region's coefficients as a draft on the latest version, the sample order
 * and its live quote, the save with its outcome (saved, waiting for approval, a 409 that reloads, a 422
 * that marks the tiers), and for admins the approval queue.
 */
export class PricingEditor {
  #fetch: Fetch;
  #tableId: string;
  #view = $state.raw<PriceTableView | null>(null);
  regionId = $state<string | null>(null);
  /** Bound to the form's inputs. */
  coefficients = $state<CoefficientDraft>({ tier1: 1, tier2: 1, tier3: 1 });
  sample = $state<SampleDraft>({ ...DEFAULT_SAMPLE });
  #preview = $state.raw<PricePreview | null>(null);
  #saving = $state(false);
  #notice = $state.raw<PricingNotice | null>(null);
  #invalid = $state.raw<readonly string[]>([]);
  #approvals = $state.raw<ChangeRequestView[]>([]);
  /** Only the latest preview asked for is shown, whichever answer arrives last. */
  #previews = 0;

  constructor(fetchFn: Fetch, tableId = 'cn-standard') {
    this.#fetch = fetchFn;
    this.#tableId = tableId;
  }

  get view(): PriceTableView | null {
    return this.#view;
  }
  get preview(): PricePreview | null {
    return this.#preview;
  }
  get saving(): boolean {
    return this.#saving;
  }
  get notice(): PricingNotice | null {
    return this.#notice;
  }
  /** The tiers (`tier1` …) the server refused in the last save. */
  get invalid(): readonly string[] {
    return this.#invalid;
  }
  get approvals(): readonly ChangeRequestView[] {
    return this.#approvals;
  }
  /** The coefficients in basis points, or null while one of them is not a number yet. */
  get coefficientsBp(): Tiers | null {
    const c = this.coefficients;
    if (!TIERS.every((t) => usable(c[t]))) return null;
    return { tier1: toBp(c.tier1), tier2: toBp(c.tier2), tier3: toBp(c.tier3) };
  }
  get dirty(): boolean {
    const stored = this.regionId && this.#view ? tiersOf(this.#view, this.regionId) : undefined;
    const draft = this.coefficientsBp;
    return !!stored && !!draft && TIERS.some((t) => stored[t] !== draft[t]);
  }

  async load(regionId?: string): Promise<void> {
    const outcome = await fetchTable(this.#fetch, this.#tableId);
    if (outcome.type !== 'ok') {
      this.#notice = failureOf(outcome);
      return;
    }
    this.#view = outcome.data;
    const chosen = regionId ?? this.regionId ?? outcome.data.editableRegions[0] ?? null;
    this.choose(chosen);
  }

  /** Shows the region's stored coefficients in the form. */
  choose(regionId: string | null): void {
    this.regionId = regionId;
    const stored = regionId && this.#view ? tiersOf(this.#view, regionId) : undefined;
    if (stored) this.coefficients = fromBp(stored);
    this.#invalid = [];
  }

  /** The sample priced under the draft; the page calls it a moment after the last keystroke. */
  async runPreview(sampleOrder: SampleFacts): Promise<void> {
    const coefficients = this.coefficientsBp;
    if (!coefficients || !this.regionId) return;
    const asked = ++this.#previews;
    const outcome = await previewQuote(this.#fetch, {
      regionChange: { regionId: this.regionId, coefficients },
      sampleOrder
    });
    if (asked === this.#previews) this.#preview = outcome.type === 'ok' ? outcome.data : null;
  }

  async save(reason: string): Promise<void> {
    const view = this.#view;
    const regionId = this.regionId;
    const coefficients = this.coefficientsBp;
    if (!view || !regionId || !coefficients || this.#saving) return;
    this.#saving = true;
    const outcome = await saveRegion(this.#fetch, this.#tableId, regionId, {
      expectedVersion: view.table.version,
      coefficients,
      effectiveFrom: Date.now(),
      reason
    });
    this.#saving = false;
    this.#invalid = [];
    if (outcome.type !== 'ok') {
      if (outcome.type === 'conflict') await this.load(regionId);
      if (outcome.type === 'invalid')
        this.#invalid = outcome.fields.map((f) => f.path.replace(/^coefficients\./, ''));
      this.#notice = failureOf(outcome);
    } else if (outcome.data.status === 'saved') {
      this.#view = outcome.data.table;
      this.choose(regionId);
      this.#notice = { kind: 'saved', version: outcome.data.table.table.version };
    } else this.#notice = { kind: 'pending' };
  }

  async loadApprovals(): Promise<void> {
    const outcome = await fetchApprovals(this.#fetch);
    if (outcome.type === 'ok') this.#approvals = outcome.data;
  }

  /** An admin's decision; the table is read again, as an approval adds a version. */
  async decide(id: string, decision: 'approve' | 'reject', reason: string): Promise<void> {
    const outcome = await decideRequest(this.#fetch, id, decision, reason);
    this.#notice = outcome.type === 'ok' ? null : failureOf(outcome);
    await Promise.all([this.loadApprovals(), this.load()]);
  }
}

function failureOf(outcome: Exclude<Outcome<unknown>, { type: 'ok' }>): PricingNotice {
  return outcome.type === 'failed' ? { kind: 'failed', message: outcome.message } : { kind: outcome.type };
}
