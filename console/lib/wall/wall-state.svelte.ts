import type { TechFrame, TechPosition, WallStats } from '$realtime/events';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface WallCounts {
  /** Every technician who is not offline. */
  online: number;
  idle: number;
  enRoute: number;
  busy: number;
  offline: number;
  openOrders: number;
}

/** Read-only view of the positions for the map: bump-counter plus the current map of positions. */
export interface PositionSource {
  /** Changes whenever a frame changed the positions; read it in an effect to get notified. */
  readonly revision: number;
  readonly positions: ReadonlyMap<string, TechPosition>;
}

/**
 * State of the wall: technician positions (from `tech:frame`), live counts (from `stats:update`) and the
 * socket's connection status.
 *
 * Positions live in a plain Map, not in `$state`: 10,000 proxied objects updated several times a second
 * would cost more than they give. A `$state` revision counter tells readers when the Map changed.
 */
export class WallState implements PositionSource {
  // Deliberately not a SvelteMap: see the class comment; `#revision` carries the reactivity.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #positions = new Map<string, TechPosition>();
  #revision = $state(0);
  #stats = $state.raw<WallStats | null>(null);
  #connection = $state<ConnectionStatus>('connecting');
  /** Epoch ms of the last drop of an established connection; null while connected. */
  #droppedAt = $state<number | null>(null);
  /** Panels whose snapshot was asked for again after the last (re)connect and has not arrived yet. */
  #resyncing = $state.raw<readonly string[]>([]);
  /** Time of the last full frame applied; older frames describe a picture it already replaced. */
  #lastFullAt = Number.NEGATIVE_INFINITY;

  #size = $derived.by(() => {
    void this.#revision;
    return this.#positions.size;
  });

  #counts = $derived.by((): WallCounts | null => {
    const stats = this.#stats;
    if (!stats) return null;
    const { idle, en_route, busy, offline } = stats.technicians;
    return {
      online: idle + en_route + busy,
      idle,
      enRoute: en_route,
      busy,
      offline,
      openOrders: stats.openOrders
    };
  });

  get positions(): ReadonlyMap<string, TechPosition> {
    return this.#positions;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Number of technician positions currently known. */
  get size(): number {
    return this.#size;
  }

  get stats(): WallStats | null {
    return this.#stats;
  }

  /** Header counts derived from the latest stats; null until the first `stats:update` arrives. */
  get counts(): WallCounts | null {
    return this.#counts;
  }

  get connection(): ConnectionStatus {
    return this.#connection;
  }

  /**
   * A full frame replaces every position; a partial frame merges by technician id.
   * Returns false when the frame was older than the last full frame and therefore ignored.
   */
  applyFrame(frame: TechFrame): boolean {
    const at = Date.parse(frame.at);
    if (at < this.#lastFullAt) return false;
    if (frame.full) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.#positions = new Map(frame.positions.map((p) => [p.id, p]));
      if (!Number.isNaN(at)) this.#lastFullAt = at;
      this.resynced('positions');
    } else {
      if (frame.positions.length === 0) return true;
      for (const p of frame.positions) this.#positions.set(p.id, p);
    }
    this.#revision++;
    return true;
  }

  /** Takes the newest stats; a reply that arrives late with older stats is ignored. */
  applyStats(stats: WallStats): boolean {
    const current = this.#stats;
    if (current && Date.parse(stats.at) < Date.parse(current.at)) return false;
    this.#stats = stats;
    this.resynced('counts');
    return true;
  }

  get droppedAt(): number | null {
    return this.#droppedAt;
  }

  /**
   * True while the numbers on screen may be out of date: the socket is down, or it is back but some
   * panel's snapshot has not been read again yet. Views dim and label what they show meanwhile.
   */
  get stale(): boolean {
    return this.#connection !== 'connected' || this.#resyncing.length > 0;
  }

  setConnection(status: ConnectionStatus, at = Date.now()): void {
    if (status === 'connected') this.#droppedAt = null;
    else if (this.#connection === 'connected') this.#droppedAt = at;
    this.#connection = status;
  }

  /**
   * After a (re)connect: these parts are being read again; each calls `resynced` when in. A full frame
   * resyncs `positions` and stats resync `counts` by themselves.
   */
  beginResync(parts: readonly string[]): void {
    this.#resyncing = parts.filter((p, i) => parts.indexOf(p) === i);
  }

  resynced(part: string): void {
    this.#resyncing = this.#resyncing.filter((p) => p !== part);
  }
}
