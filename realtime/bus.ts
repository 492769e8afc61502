// In-process fan-out of what was committed. Cross-instance delivery is Socket.IO's Redis adapter's job.
import { EventEmitter } from 'node:events';
import type { SettlementView, SlaBoardRow } from './contract';
import type { DepotAlert, OrderSummary, SlaAlert } from './events';
import type { SlaAlertKind } from './sla/update';

export interface BusEvents {
  'order:created': [OrderSummary];
  /** The second value is who held the order before this change, so their phone hears they lost it. */
  'order:updated': [OrderSummary, (string | null)?];
  'depot:alert': [DepotAlert];
  'sla:updated': [SlaBoardRow];
  'sla:removed': [{ orderId: string; regionId: string; at: string }];
  'sla:alert': [SlaAlertKind, SlaAlert];
  /** The second value is who held the order before this change. */
  'settlement:updated': [SettlementView, (string | null)?];
  /** A settlement of the region froze: its profit figures moved. */
  'insights:profit_changed': [string];
}

export class Bus {
  readonly #emitter = new EventEmitter();

  publish<K extends keyof BusEvents>(name: K, ...args: BusEvents[K]): void {
    this.#emitter.emit(name, ...args);
  }

  on<K extends keyof BusEvents>(name: K, listener: (...args: BusEvents[K]) => void): () => void {
    this.#emitter.on(name, listener as (...a: unknown[]) => void);
    return () => this.#emitter.off(name, listener as (...a: unknown[]) => void);
  }
}
