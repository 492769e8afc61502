import type { Fetch } from '$lib/api/http';
import {
  assignOrder,
  confirmTransfer,
  fetchCandidates,
  fetchOrder,
  unassignOrder,
  type WriteOutcome
} from './api';
import type { Candidate, OrderDetail, OrderView, TechnicianSummary } from './types';

export type DrawerAction = 'assign' | 'unassign' | 'lock' | 'unlock';

/** The write waiting for its reason (and, after a 422, for the explicit override). */
export interface PendingWrite {
  action: DrawerAction;
  technicianId: string | null;
  reason: string;
  /** Hard rules the server said this assignment breaks; non-empty means "assign anyway?" is on screen. */
  violations: string[];
}

export type DrawerNotice =
  | { kind: 'done'; action: DrawerAction }
  | { kind: 'transfer-confirmed' }
  | { kind: 'conflict' }
  | { kind: 'illegal'; allowed: string[] }
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  | { kind: 'failed'; message: string };

/** Where the candidate list came from: the server's ranking, or (until it exists) the nearest technicians. */
export type CandidateSource = 'ranked' | 'nearby' | 'none';

export interface OrderDrawerDeps {
  fetch: Fetch;
  /** A write or a reload produced a newer order: the queue applies it. */
  onOrder: (order: OrderView) => void;
}

const NEARBY_COUNT = 9;

/**
 * The order drawer: one order's facts and timeline, its candidates, the picked one, and the override
 * writes with their outcomes (409 reloads and says so; 422 asks for an explicit override).
 */
export class OrderDrawer {
  #deps: OrderDrawerDeps;
  #orderId = $state<string | null>(null);
  #detail = $state.raw<OrderDetail | null>(null);
  #candidates = $state.raw<Candidate[]>([]);
  #source = $state<CandidateSource>('none');
  #picked = $state(0);
  #loading = $state(false);
  #busy = $state(false);
  #pending = $state<PendingWrite | null>(null);
  #notice = $state.raw<DrawerNotice | null>(null);
  #technicians: readonly TechnicianSummary[] = [];
  /** Guards against a slow load for an order that is no longer open. */
  #generation = 0;

  constructor(deps: OrderDrawerDeps) {
    this.#deps = deps;
  }

  get open(): boolean {
    return this.#orderId !== null;
  }
  get orderId(): string | null {
    return this.#orderId;
  }
  get detail(): OrderDetail | null {
    return this.#detail;
  }
  get candidates(): readonly Candidate[] {
    return this.#candidates;
  }
  get source(): CandidateSource {
    return this.#source;
  }
  get picked(): number {
    return this.#picked;
  }
  get pickedCandidate(): Candidate | null {
    return this.#candidates[this.#picked] ?? null;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get pending(): PendingWrite | null {
    return this.#pending;
  }
  get notice(): DrawerNotice | null {
    return this.#notice;
  }

  /** Names and positions for the fallback list and for showing who an order is assigned to. */
  setTechnicians(list: readonly TechnicianSummary[]): void {
    this.#technicians = list;
  }

  technicianName(id: string): string {
    return (
      this.#candidates.find((c) => c.technicianId === id)?.name ??
      this.#technicians.find((t) => t.id === id)?.name ??
      id
    );
  }

  async show(orderId: string): Promise<void> {
    if (this.#orderId !== orderId) {
      this.#orderId = orderId;
      this.#detail = null;
      this.#candidates = [];
      this.#source = 'none';
      this.#picked = 0;
      this.#pending = null;
      this.#notice = null;
    }
    await this.reload();
  }

  close(): void {
    this.#generation++;
    this.#orderId = null;
    this.#detail = null;
    this.#candidates = [];
    this.#pending = null;
    this.#notice = null;
    this.#loading = false;
  }

  async reload(): Promise<void> {
    const id = this.#orderId;
    if (!id) return;
    const generation = ++this.#generation;
    this.#loading = true;
    const [detail, candidates] = await Promise.all([
      fetchOrder(this.#deps.fetch, id),
      fetchCandidates(this.#deps.fetch, id)
    ]);
    if (generation !== this.#generation) return;
    this.#loading = false;
    const pickedId = this.pickedCandidate?.technicianId ?? null;
    if (!detail.ok) {
      this.#notice =
        detail.status === 404 ? { kind: 'not-found' } : { kind: 'failed', message: detail.message };
      return;
    }
    this.#detail = detail.data;
    this.#deps.onOrder(detail.data);
    if (candidates.ok) {
      this.#candidates = candidates.data;
      this.#source = 'ranked';
    } else {
      this.#candidates = this.#nearby(detail.data);
      this.#source = this.#candidates.length > 0 ? 'nearby' : 'none';
    }
    // The ranking may change after a write (workloads moved): keep the same technician picked, not the same row.
    this.#picked = Math.max(0, pickedId ? this.#candidates.findIndex((c) => c.technicianId === pickedId) : 0);
  }

  pick(index: number): void {
    if (index < 0 || index >= this.#candidates.length) return;
    this.#picked = index;
    if (this.#pending?.action === 'assign')
      this.#pending = {
        ...this.#pending,
        technicianId: this.#candidates[index]?.technicianId ?? null,
        violations: []
      };
  }

  /** Opens the reason prompt to assign the picked candidate, or `technicianId` (a drop on the map). */
  requestAssign(defaultReason: string, technicianId?: string): void {
    const target = technicianId ?? this.pickedCandidate?.technicianId ?? null;
    if (!target || !this.#detail) return;
    // A technician dropped on from the map may not be in the list: then no row is highlighted.
    this.#picked = this.#candidates.findIndex((c) => c.technicianId === target);
    this.#pending = { action: 'assign', technicianId: target, reason: defaultReason, violations: [] };
    this.#notice = null;
  }

  requestUnassign(defaultReason: string): void {
    if (!this.#detail?.assignment) return;
    this.#pending = { action: 'unassign', technicianId: null, reason: defaultReason, violations: [] };
    this.#notice = null;
  }

  requestLockToggle(defaultReason: (locking: boolean) => string): void {
    const assignment = this.#detail?.assignment;
    if (!assignment) return;
    const action = assignment.locked ? 'unlock' : 'lock';
    this.#pending = {
      action,
      technicianId: assignment.technicianId,
      reason: defaultReason(action === 'lock'),
      violations: []
    };
    this.#notice = null;
  }

  setReason(reason: string): void {
    if (this.#pending) this.#pending = { ...this.#pending, reason };
  }

  cancel(): void {
    this.#pending = null;
  }

  /** Sends the pending write; after a 422 the second call is the explicit "assign anyway". */
  async submit(): Promise<WriteOutcome | null> {
    const pending = this.#pending;
    const detail = this.#detail;
    const id = this.#orderId;
    if (!pending || !detail || !id || this.#busy || pending.reason.trim() === '') return null;
    this.#busy = true;
    const reason = pending.reason.trim();
    const expectedVersion = detail.version;
    let outcome: WriteOutcome;
    try {
      if (pending.action === 'unassign') {
        outcome = await unassignOrder(this.#deps.fetch, id, { expectedVersion, reason });
      } else {
        const lock =
          pending.action === 'assign' ? (detail.assignment?.locked ?? false) : pending.action === 'lock';
        outcome = await assignOrder(this.#deps.fetch, id, {
          technicianId: pending.technicianId ?? '',
          expectedVersion,
          reason,
          lock,
          ...(pending.violations.length > 0 ? { confirmViolations: true } : {})
        });
      }
    } finally {
      this.#busy = false;
    }
    if (this.#orderId !== id) return outcome;
    await this.#settle(outcome, pending);
    return outcome;
  }

  async #settle(outcome: WriteOutcome, pending: PendingWrite): Promise<void> {
    switch (outcome.type) {
      case 'ok':
        this.#pending = null;
        this.#deps.onOrder(outcome.order);
        await this.reload();
        this.#notice = { kind: 'done', action: pending.action };
        return;
      case 'violations':
        // Keep the prompt open: the same button now reads "assign anyway" and resends with the confirmation.
        this.#pending = {
          ...pending,
          violations: outcome.violations.length > 0 ? outcome.violations : ['unknown']
        };
        return;
      case 'conflict':
        this.#pending = null;
        await this.reload();
        this.#notice = { kind: 'conflict' };
        return;
      case 'illegal-transition':
        this.#pending = null;
        await this.reload();
        this.#notice = { kind: 'illegal', allowed: outcome.allowed };
        return;
      case 'forbidden':
        this.#notice = { kind: 'forbidden' };
        return;
      case 'not-found':
        this.#notice = { kind: 'not-found' };
        return;
      case 'failed':
        this.#notice = { kind: 'failed', message: outcome.message };
        return;
    }
  }

  /** Confirms a proposed part transfer; the parts are then reserved at the shipping depot. */
  async confirmTransfer(transferId: string): Promise<void> {
    const id = this.#orderId;
    if (!id || this.#busy) return;
    this.#busy = true;
    const res = await confirmTransfer(this.#deps.fetch, id, transferId).finally(() => (this.#busy = false));
    if (this.#orderId !== id) return;
    await this.reload();
    if (res.ok) this.#notice = { kind: 'transfer-confirmed' };
    else if (res.status === 403) this.#notice = { kind: 'forbidden' };
    else if (res.status === 404) this.#notice = { kind: 'not-found' };
    else this.#notice = { kind: 'failed', message: res.message };
  }

  /** Until the ranking endpoint answers: the nearest non-offline technicians, by straight-line distance. */
  #nearby(order: OrderView): Candidate[] {
    return this.#technicians
      .filter((t) => t.status !== 'offline')
      .map((t) => ({ t, km: haversineKm(order.location, t.location) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, NEARBY_COUNT)
      .map(({ t, km }) => ({
        technicianId: t.id,
        name: t.name,
        score: 0,
        factors: { distance: 0, workload: 0, rating: 0, parts: 0, fairness: 0 },
        violations: [],
        crossRegion: t.regionId !== order.regionId,
        distanceKm: km
      }));
  }
}

export function haversineKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
