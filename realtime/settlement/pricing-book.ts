// The price tables and settlement terms this process prices with: every version, read from
// `pricing_versions` (seeded from the dispatcher's demo table and terms on first start) and checked by
// the same schemas as an edit would be. An order is priced with the versions in force when it was
// dispatched, so a requote after an edit keeps the version its first quote used.
import { listPricingVersions, seedPricingVersions, type Database } from '../../db';
import { DEMO_PRICE_TABLE } from '../../dispatcher/pricing/demo-table';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import { versionInForce, type Effective } from '../../dispatcher/pricing/versions';
import { DEMO_SETTLEMENT_TERMS } from '../../dispatcher/settlement/demo-terms';
import type { SettlementTerms } from '../../dispatcher/settlement/terms';
import type { EpochMs } from '../../dispatcher/sla/time';
import { PriceTableSchema, SettlementTermsSchema } from '../schemas/pricing';

const seedRow = (kind: 'price_table' | 'settlement_terms', doc: Effective & { id: string }) => ({
  kind,
  id: doc.id,
  version: doc.version,
  effectiveFrom: new Date(doc.effectiveFrom),
  effectiveTo: doc.effectiveTo === null ? null : new Date(doc.effectiveTo),
  document: doc,
  actor: 'system:defaults'
});

export class PricingBook {
  private constructor(
    private tables: PriceTable[],
    private terms: SettlementTerms[]
  ) {}

  static async load(db: Database): Promise<PricingBook> {
    await seedPricingVersions(db, [
      seedRow('price_table', DEMO_PRICE_TABLE),
      seedRow('settlement_terms', DEMO_SETTLEMENT_TERMS)
    ]);
    const book = new PricingBook([], []);
    await book.reload(db);
    return book;
  }

  /** Reads every version again: after an edit stored a new one. */
  async reload(db: Database): Promise<void> {
    const [tables, terms] = await Promise.all([
      listPricingVersions(db, 'price_table'),
      listPricingVersions(db, 'settlement_terms')
    ]);
    this.tables = tables.map((r) => PriceTableSchema.parse(r.document));
    this.terms = terms.map((r) => SettlementTermsSchema.parse(r.document));
  }

  /** The table and terms in force at `at`; null when either has no version then (nothing to price with). */
  at(at: EpochMs): { table: PriceTable; terms: SettlementTerms } | null {
    const table = versionInForce(this.tables, at);
    const terms = versionInForce(this.terms, at);
    return table && terms ? { table, terms } : null;
  }
}
