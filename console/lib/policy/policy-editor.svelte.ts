import type { DispatchPolicyView } from '$realtime/contract';
import type { Fetch } from '$lib/api/http';
import { FACTORS, fetchPolicy, savePolicy, type Policy, type PolicyChange, type PolicyOutcome } from './api';

export type EditorNotice =
  | { kind: 'saved'; version: number }
  | { kind: 'conflict' }
  | { kind: 'invalid' }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'failed'; message: string };

/** The form's values: the policy as edited, with the offer timeout in seconds as people think of it. */
export interface PolicyDraft {
  mode: Policy['mode'];
  offerTimeoutS: number;
  allowCrossRegion: boolean;
  maxRadiusKm: number;
  weights: Policy['weights'];
}

const toDraft = (p: Policy): PolicyDraft => ({
  mode: p.mode,
  offerTimeoutS: p.offerTimeoutMs / 1000,
  allowCrossRegion: p.allowCrossRegion,
  maxRadiusKm: p.maxRadiusKm,
  weights: { ...p.weights }
});

/** Only what differs from the stored policy; the weights go as a whole set when any of them changed. */
function changesOf(draft: PolicyDraft, stored: Policy): Partial<Policy> {
  const change: Partial<Policy> = {};
  if (draft.mode !== stored.mode) change.mode = draft.mode;
  if (draft.offerTimeoutS * 1000 !== stored.offerTimeoutMs)
    change.offerTimeoutMs = Math.round(draft.offerTimeoutS * 1000);
  if (draft.allowCrossRegion !== stored.allowCrossRegion) change.allowCrossRegion = draft.allowCrossRegion;
  if (draft.maxRadiusKm !== stored.maxRadiusKm) change.maxRadiusKm = draft.maxRadiusKm;
  if (FACTORS.some((f) => draft.weights[f] !== stored.weights[f])) change.weights = { ...draft.weights };
  return change;
}

/** The form's parts a refused change can point at. */
export type InvalidField = 'mode' | 'offerTimeoutS' | 'maxRadiusKm' | 'weights' | 'other';

/** The server names fields as the API does (`offerTimeoutMs`, `weights.rating`); the form groups them. */
function formField(path: string): InvalidField {
  if (path === 'offerTimeoutMs') return 'offerTimeoutS';
  if (path === 'weights' || path.startsWith('weights.')) return 'weights';
  return path === 'mode' || path === 'maxRadiusKm' ? path : 'other';
}

/**
 * One region's dispatch policy being edited by an admin: the stored version, the draft, and the save with
 * its outcome (a 409 loads the newer policy and says so; a 422 marks the refused fields).
 */
export class PolicyEditor {
  #fetch: Fetch;
  #regionId = $state<string | null>(null);
  #view = $state.raw<DispatchPolicyView | null>(null);
  /** Bound to the form's inputs. */
  draft = $state<PolicyDraft | null>(null);
  #loading = $state(false);
  #saving = $state(false);
  #notice = $state.raw<EditorNotice | null>(null);
  #invalid = $state.raw<readonly InvalidField[]>([]);
  /** Guards against a slow load for a region that is no longer chosen. */
  #generation = 0;

  constructor(fetchFn: Fetch) {
    this.#fetch = fetchFn;
  }

  get regionId(): string | null {
    return this.#regionId;
  }
  get view(): DispatchPolicyView | null {
    return this.#view;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get saving(): boolean {
    return this.#saving;
  }
  get notice(): EditorNotice | null {
    return this.#notice;
  }
  /** The parts of the form the server refused in the last save. */
  get invalid(): readonly InvalidField[] {
    return this.#invalid;
  }
  get dirty(): boolean {
    return !!this.draft && !!this.#view && Object.keys(changesOf(this.draft, this.#view.policy)).length > 0;
  }
  /** Each weight's share of their sum, 0..1: only the ratios matter, and this is what the admin is setting. */
  get shares(): Record<string, number> {
    const w = this.draft?.weights;
    if (!w) return {};
    const sum = FACTORS.reduce((a, f) => a + (Number.isFinite(w[f]) ? w[f] : 0), 0);
    return Object.fromEntries(FACTORS.map((f) => [f, sum > 0 && Number.isFinite(w[f]) ? w[f] / sum : 0]));
  }

  async load(regionId: string): Promise<void> {
    const generation = ++this.#generation;
    this.#regionId = regionId;
    this.#loading = true;
    this.#notice = null;
    this.#invalid = [];
    const outcome = await fetchPolicy(this.#fetch, regionId);
    if (generation !== this.#generation) return;
    this.#loading = false;
    if (outcome.type === 'ok') this.#show(outcome.view);
    else {
      this.#view = null;
      this.draft = null;
      this.#notice = this.#noticeOf(outcome);
    }
  }

  /** Back to the stored policy. */
  reset(): void {
    if (this.#view) this.draft = toDraft(this.#view.policy);
    this.#invalid = [];
  }

  async save(reason: string): Promise<void> {
    const view = this.#view;
    const draft = this.draft;
    const regionId = this.#regionId;
    if (!view || !draft || !regionId || this.#saving || !this.dirty) return;
    const change: PolicyChange = { ...changesOf(draft, view.policy), expectedVersion: view.version, reason };
    this.#saving = true;
    const generation = this.#generation;
    const outcome = await savePolicy(this.#fetch, regionId, change);
    this.#saving = false;
    if (generation !== this.#generation) return;
    this.#invalid = [];
    if (outcome.type === 'ok') {
      this.#show(outcome.view);
    } else if (outcome.type === 'conflict') {
      if (outcome.current) this.#show(outcome.current);
      else await this.load(regionId);
    } else if (outcome.type === 'invalid') {
      const fields = outcome.fields.map((f) => formField(f.path));
      this.#invalid = fields.filter((f, i) => fields.indexOf(f) === i);
    }
    this.#notice = this.#noticeOf(outcome);
  }

  #show(view: DispatchPolicyView): void {
    this.#view = view;
    this.draft = toDraft(view.policy);
  }

  #noticeOf(outcome: PolicyOutcome): EditorNotice | null {
    switch (outcome.type) {
      case 'ok':
        return { kind: 'saved', version: outcome.view.version };
      case 'conflict':
        return { kind: 'conflict' };
      case 'invalid':
        return { kind: 'invalid' };
      case 'forbidden':
        return { kind: 'forbidden' };
      case 'not-found':
        return { kind: 'not-found' };
      case 'failed':
        return { kind: 'failed', message: outcome.message };
    }
  }
}
